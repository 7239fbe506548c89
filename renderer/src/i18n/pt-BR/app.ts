/** A moldura do app: navegação, pausa e soneca globais, avisos, carregamento. */
import type en from '../en/app';

const app: typeof en = {
  transport: {
    lost: 'A conexão com o Shardwatch caiu. Ela se restabelece sozinha; tente de novo.',
    noAnswer: 'O Shardwatch não respondeu. Tente de novo daqui a pouco.',
  },
  lost: {
    title: 'O motor do Shardwatch está inacessível.',
    text: 'Nada nesta página foi atualizado desde {time}; a conexão se restabelece sozinha e mostra o estado atual assim que voltar.',
  },
  skip: 'Pular para o conteúdo',
  nav: {
    label: 'Principal',
    overview: 'Visão geral',
    incidents: 'Incidentes',
    settings: 'Configurações',
    add: '+ Adicionar perfil',
    open: 'abertos',
  },
  paused: 'Monitoramento pausado',
  snoozedUntil: 'Notificações silenciadas até {time}',
  unsnooze: 'Reativar notificações',
  pauseAll: 'Pausar tudo',
  resume: 'Retomar monitoramento',
  pauseFailed: 'Não foi possível pausar o monitoramento: {message}',
  resumeFailed: 'Não foi possível retomar o monitoramento: {message}',
  unsnoozeFailed: 'Não foi possível reativar as notificações: {message}',
  notices: 'Avisos',
  noticeLevel: { error: 'Erro', warning: 'Aviso', info: 'Nota' },
  dismissLabel: 'Dispensar: {message}',
  dismissFailed: 'Não foi possível dispensar: {message}',
  readOnly:
    'O arquivo de perfis foi gravado por um Shardwatch mais novo e está aberto só para leitura: o monitoramento funciona, mas não é possível alterar perfis. Atualize o Shardwatch para editá-los.',
  engineDown: 'O motor do Shardwatch não respondeu.',
  engineDownHint: 'Verifique se o Shardwatch ainda está rodando e tente de novo.',
  gone: 'Este perfil não existe mais (talvez tenha sido excluído).',
  backToOverview: 'Voltar para a visão geral',
  noScreen: 'Não há nenhuma tela em {path}.',
  goToOverview: 'Ir para a visão geral',
};
export default app;
