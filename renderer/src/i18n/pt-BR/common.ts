/** Palavras usadas em várias telas: estados, severidades, tempos, botões. */
import type en from '../en/common';
import enginePtBR from '../../../../shared/i18n/engine-pt-BR';

const common: typeof en = {
  state: enginePtBR.state,
  severity: { critical: 'Crítico', warning: 'Aviso', info: 'Info' },
  shardState: {
    up: 'no ar',
    degraded: 'degradado',
    down: 'fora do ar',
    'no-data': 'sem dados',
    dev: 'desenvolvimento',
    missing: 'ausente',
  },
  time: {
    justNow: 'agora',
    ago: 'há {span}',
    in: 'em {span}',
    never: 'nunca',
    s: '{n} s',
    min: '{n} min',
    h: '{n} h',
    hMin: '{h} h {min} min',
    d: '{n} d',
    dH: '{d} d {h} h',
  },
  noData: 'sem dados',
  yes: 'sim',
  no: 'não',
  loading: 'Carregando…',
  refresh: 'Atualizar',
  close: 'Fechar',
  cancel: 'Cancelar',
  save: 'Salvar',
  edit: 'Editar',
  delete: 'Excluir',
  undo: 'Desfazer',
  tryAgain: 'Tentar de novo',
  dismiss: 'Dispensar',
  couldNot: 'Não foi possível {what}: {message}',
  deletedProfile: 'Perfil excluído',
  demo: 'Demo',
  env: { prod: 'prod', staging: 'homologação', dev: 'dev' },
  rate: '{n}/s',
  sparkline: {
    none: 'Nenhum ping ainda',
    last: 'Últimos {n} pings',
    range: 'de {min} a {max}',
    noneLost: 'nenhum perdido',
    lost: '{n} perdidos',
  },
  /** The secret field (public keys, shared secrets, channel secrets). */
  secret: {
    reenter: 'Precisa ser informado de novo',
    reenterWhy: 'o valor guardado não pôde ser descriptografado nesta máquina.',
    set: 'Definido',
    setHint: '(guardado, nunca exibido)',
    notSet: 'Não definido',
    replace: 'Substituir',
    keep: 'Manter o valor guardado',
  },
};
export default common;
