/** A página de Incidentes: soneca, incidentes abertos (ao vivo) e recentes (histórico). */
import type en from '../en/incidents';

const incidents: typeof en = {
  title: 'Incidentes',
  notifications: 'Notificações',
  snoozedUntil: 'Silenciadas até {time}',
  left: '(faltam {span}).',
  stillRecorded: 'Os incidentes continuam registrados; as notificações ficam retidas.',
  on: 'As notificações estão ativas. Silenciar as retém; o monitoramento continua.',
  snoozeGroup: 'Silenciar notificações',
  snooze: {
    '15m': 'Silenciar 15 minutos',
    '1h': 'Silenciar 1 hora',
    '4h': 'Silenciar 4 horas',
    tomorrow: 'Silenciar até amanhã de manhã',
  },
  unsnooze: 'Reativar notificações',
  snoozeFailed: 'Não foi possível silenciar: {message}',
  unsnoozeFailed: 'Não foi possível reativar as notificações: {message}',
  loadFailed: 'Não foi possível carregar o histórico de incidentes: {message}',
  open: 'Abertos',
  noOpen: 'Nenhum incidente aberto. Tudo o que gera alertas está dentro dos limites.',
  acknowledged: 'reconhecido',
  heldBack: 'notificação retida',
  heldBackTitle: 'Uma notificação foi retida pelo horário de silêncio ou pela soneca',
  shards: 'Shards: {ids}',
  opened: 'Aberto {opened}, atualizado {updated}',
  acknowledge: 'Reconhecer',
  acknowledgeLabel: 'Reconhecer: {title}',
  ackFailed: 'Não foi possível reconhecer: {message}',
  recent: 'Recentes',
  noRecent: 'Nenhum incidente encerrado ainda.',
  col: {
    severity: 'Severidade',
    incident: 'Incidente',
    profile: 'Perfil',
    opened: 'Aberto',
    lasted: 'Durou',
    report: 'Relatório',
  },
};
export default incidents;
