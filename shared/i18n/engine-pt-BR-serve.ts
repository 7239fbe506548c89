/** The pages browser mode answers a refused request with, in Brazilian Portuguese. */
import type { servePageEn } from './engine-en-serve';

export const servePagePtBR: typeof servePageEn = {
  foreignHost: 'Shardwatch: este endereço não é servido aqui.',
  onlyGet: 'Shardwatch: aqui só se atende GET.',
  malformed: 'Shardwatch: endereço malformado.',
  notFound: 'Shardwatch: não encontrado.',
  internal: 'Shardwatch: erro interno.',
  signIn:
    'Shardwatch: abra uma vez o endereço completo mostrado no terminal onde o Shardwatch foi iniciado (`npm start` ou `shardwatch serve`), incluindo a parte ?token=…; depois disso este navegador continua conectado.',
  notBuilt:
    'Shardwatch: a interface não foi compilada ({file} não existe). Execute `npm run build:app` e inicie de novo.',
};
