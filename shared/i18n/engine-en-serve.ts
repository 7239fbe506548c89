/**
 * The pages browser mode answers a refused request with (`electron/serve/server.ts`), in
 * English. `engine-pt-BR-serve.ts` is typed against this one.
 */
export const servePageEn = {
  foreignHost: 'Shardwatch: this address is not served here.',
  onlyGet: 'Shardwatch: only GET is served here.',
  malformed: 'Shardwatch: malformed address.',
  notFound: 'Shardwatch: not found.',
  internal: 'Shardwatch: internal error.',
  signIn:
    'Shardwatch: open the full address printed in the terminal where Shardwatch was started (`npm start` or `shardwatch serve`), including its ?token=… part, once; this browser then stays signed in.',
  notBuilt:
    'Shardwatch: the UI is not built ({file} is missing). Run `npm run build:app` and start again.',
};
