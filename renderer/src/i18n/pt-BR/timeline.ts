/** A linha do tempo e o log bruto de frames de um perfil. */
import type en from '../en/timeline';

const timeline: typeof en = {
  label: 'Linha do tempo',
  show: 'Mostrar',
  group: {
    all: 'Tudo',
    incidents: 'Incidentes',
    shards: 'Shards',
    connection: 'Conexão',
    problems: 'Mensagens do servidor e erros',
  },
  loadFailed: 'Não foi possível carregar a linha do tempo: {message}',
  nothing: 'Nada aconteceu ainda nesta visão.',
  nothingAtAll: 'Nada aconteceu ainda.',
  older: 'Mostrar eventos mais antigos',
  end: 'Isso é tudo o que foi registrado (os eventos ficam guardados por 30 dias).',
  shard: 'Shard {id}',
  frames: {
    label: 'Log bruto de frames',
    direction: 'Direção',
    both: 'ambas',
    in: 'recebidos (do gateway)',
    out: 'enviados (ao gateway)',
    errorsOnly: 'só erros',
    count: '{n} frames',
    loaded: 'carregado {time}',
    redacted: 'segredos ocultados',
    loadFailed: 'Não foi possível carregar os frames: {message}',
    none: 'Nenhum frame registrado ainda.',
    col: {
      time: 'Hora',
      dir: 'Direção',
      type: 'Tipo',
      event: 'Evento',
      error: 'Erro',
      frame: 'Frame',
    },
    dirIn: 'recebido',
    dirOut: 'enviado',
    show: 'Mostrar ({n} caracteres)',
    hide: 'Ocultar ({n} caracteres)',
  },
};
export default timeline;
