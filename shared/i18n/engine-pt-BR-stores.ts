/**
 * The engine's notices and store errors in Brazilian Portuguese, typed against
 * `engine-en-stores.ts`.
 */
import type { noticeEn, storeEn } from './engine-en-stores';

export const noticePtBR: typeof noticeEn = {
  closeHintTitle: 'O Shardwatch continua em execução',
  closeHint:
    'O Shardwatch continua vigiando seus gateways pela bandeja. Use Sair no menu da bandeja para encerrá-lo.',
  startFailed: 'O Shardwatch não conseguiu iniciar o monitoramento. Os detalhes estão no log.',
  channelsMoved:
    'Não foi possível ler os canais de notificação ({reason}). O arquivo foi movido para {movedTo}; adicione seus canais de novo.',
  channelsStuck:
    'Não foi possível ler os canais de notificação ({reason}). Corrija ou remova {file} e reinicie o Shardwatch.',
  maintenanceMoved:
    'Não foi possível ler as janelas de manutenção ({reason}); o arquivo foi movido para {movedTo}. Adicione suas janelas de novo.',
  maintenanceStuck: 'Não foi possível ler as janelas de manutenção ({reason}).',
  queueMoved:
    'Não foi possível ler a fila de mensagens de alerta não entregues ({reason}); ela foi movida para {movedTo}. As mensagens que esperavam nela se perderam; novos alertas são entregues normalmente.',
  queueStuck:
    'Não foi possível ler a fila de mensagens de alerta não entregues ({reason}). As mensagens que esperavam nela se perderam; novos alertas são entregues normalmente.',
  queueNotSaved:
    'Não foi possível gravar no disco as mensagens de alerta não entregues: {reason}. Elas ficam guardadas na memória.',
  queueDroppedOne:
    'Mensagens de alerta estão se acumulando porque o receptor de um canal não as aceita: {count} mensagem foi descartada até agora, a mais antiga primeiro (a fila comporta {max}). Confira o registro de entregas em Configurações.',
  queueDroppedMany:
    'Mensagens de alerta estão se acumulando porque o receptor de um canal não as aceita: {count} mensagens foram descartadas até agora, as mais antigas primeiro (a fila comporta {max}). Confira o registro de entregas em Configurações.',
  dismissedStuck:
    'Não foi possível ler a lista de avisos que você dispensou ({reason}) nem movê-la para o lado ({code}). Avisos dispensados podem voltar a aparecer após reiniciar, até que {file} seja corrigido ou removido.',
  dismissedMoved:
    'Não foi possível ler a lista de avisos que você dispensou ({reason}). Ela foi movida para {movedTo}; avisos dispensados antes podem voltar a aparecer. Dispense-os de novo para escondê-los de vez.',
  secretStorageChanged:
    'O armazenamento de segredos do sistema mudou (de {from} para {to}). Os segredos gravados antes não podem ser lidos com ele: digite-os de novo nos perfis marcados com "digitar de novo".',
  noKeychain:
    'Nenhum chaveiro do sistema foi encontrado neste computador (o Electron informa "basic_text"), então os segredos não podem ser guardados com segurança. Abra Configurações para escolher: manter os segredos só nesta sessão ou guardá-los com proteção fraca. Até lá, eles ficam só nesta sessão.',
  keychainLocked:
    '{keychain} não está disponível agora, então os segredos ficam só nesta sessão. Desbloqueie-o e reinicie o Shardwatch para guardá-los.',
  unknownKeychain:
    'O Shardwatch não sabe como este computador protege segredos ({backend}), então os segredos ficam só nesta sessão.',
  choseWeak:
    'Os segredos que você gravar a partir de agora ficam com proteção fraca (uma chave fixa). Segredos digitados antes nesta sessão continuam só na sessão até você digitá-los de novo.',
  choseSession:
    'Os segredos agora ficam só nesta sessão. Segredos guardados antes com proteção fraca continuam no arquivo de perfis até você digitá-los de novo ou apagá-los.',
};

export const storePtBR: typeof storeEn = {
  notSaved: 'Não foi salvo: {reason}.',
  notSavedCheckFolder: 'Não foi salvo: {reason}. Verifique se o seu usuário pode gravar em {dir}.',
  dismissNotSaved:
    'O Shardwatch não conseguiu guardar que você dispensou este aviso: {reason}. Verifique se o seu usuário pode gravar em {dir} e dispense-o de novo.',
  fieldsNeedAttention: 'Alguns campos precisam de atenção.',
  channelSecretsUnavailable:
    'Não é possível cifrar segredos nesta máquina agora, então o canal não foi salvo.',
  channelAlreadyDeleted: 'Esse canal já foi excluído, talvez em outra janela.',
  tooManyChannels: 'O Shardwatch guarda no máximo {max} canais; exclua um antes.',
  importTooManyChannels:
    'O Shardwatch guarda no máximo {max} canais; esta importação passaria desse limite.',
  windowGone: 'Essa janela de manutenção não existe mais.',
  windowAlreadyDeleted: 'Essa janela de manutenção já foi excluída.',
  tooManyWindows: 'O Shardwatch guarda no máximo {max} janelas; exclua as antigas antes.',
};
