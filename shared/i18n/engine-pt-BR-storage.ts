/**
 * What the engine tells about its own files, in Brazilian Portuguese, typed
 * against `engine-en-storage.ts`.
 */
import type { dataFolderEn, diskEn, secretsEn } from './engine-en-storage';

export const diskPtBR: typeof diskEn = {
  reason: {
    locked: 'o banco de dados do histórico está travado por outro programa',
    full: 'o disco está cheio',
    readOnly: '{file} ou a pasta dele é somente leitura',
    cantOpen:
      'não foi possível abrir {file} (confira se a pasta dele existe e se é possível gravar nela)',
    ioError: 'o disco relatou um erro de entrada/saída',
    damaged: '{file} está danificado ou não é um banco de dados',
    folderNotWritable: 'não é possível gravar na pasta de {file}',
    folderBlocked: 'não foi possível criar a pasta de {file} (há um arquivo no caminho)',
    newer:
      'o arquivo de histórico é de uma versão mais nova do Shardwatch (esquema {found}; esta versão entende até {known})',
    unknown: 'erro desconhecido',
  },
  cannotSave:
    'Não foi possível salvar o histórico: {reason}. O monitoramento continua; os gráficos podem ter lacunas.',
  cannotRead:
    'Não foi possível ler o histórico: {reason}. O monitoramento continua; os gráficos podem ter lacunas.',
  movedAside:
    'Não foi possível ler o histórico ({reason}); o arquivo danificado foi movido para {movedTo} e um histórico novo foi iniciado. O monitoramento continua.',
  lostOnClose:
    'Não foi possível salvar o histórico antes de fechar ({reason}); {samples} amostras recentes e {events} eventos da linha do tempo foram descartados.',
  shardsLostOnClose:
    'Não foi possível salvar o histórico dos shards antes de fechar ({reason}); {count} mudanças recentes de estado de shard foram descartadas.',
  uptimeNotSaved:
    'Não foi possível salvar o histórico de disponibilidade ({reason}). O monitoramento continua; os números de disponibilidade podem não cobrir este período.',
};

export const secretsPtBR: typeof secretsEn = {
  keyUnreadable:
    'Não foi possível ler o arquivo de chave {file} ({code}), então os segredos guardados não podem ser lidos e novos não podem ser salvos. Confira se o seu usuário pode lê-lo (e se é um arquivo) e reinicie o Shardwatch.',
  keyStuck:
    'O arquivo de chave {file} está danificado e não foi possível movê-lo para o lado ({code}); tire-o de lá você mesmo para que uma chave nova seja criada e digite seus segredos de novo.',
  keyReplaced:
    'O arquivo de chave {file} estava danificado: foi movido para {movedTo} e uma chave nova foi criada. Os segredos salvos antes não podem ser decifrados com a chave nova; os perfis que os tinham dizem "segredos ilegíveis": digite os segredos de novo em cada um.',
  fileKey:
    'Os segredos são cifrados com AES-256-GCM usando uma chave guardada em {file} (legível só pelo seu usuário). Quem puder ler os arquivos do seu usuário pode decifrá-los; o aplicativo de desktop usa o chaveiro do sistema.',
  sessionOnly:
    'Os segredos são guardados só durante esta sessão: são cifrados com uma chave mantida na memória, nada que possa decifrá-los é gravado no disco, e você os digita de novo depois que o Shardwatch reinicia.',
  keychain:
    'Os segredos são cifrados com {keychain}, então só a sua conta de usuário neste computador pode lê-los.',
  weakChosen:
    'Nenhum chaveiro do sistema foi encontrado, e você escolheu guardar os segredos mesmo assim: eles são cifrados com uma chave fixa embutida no Electron, que qualquer pessoa que possa ler seus arquivos consegue desfazer. Instale e desbloqueie um chaveiro (GNOME Keyring ou KWallet) para uma proteção de verdade, ou mude para só nesta sessão.',
  choose:
    'Nenhum chaveiro do sistema foi encontrado, então os segredos não podem ser guardados com segurança. Escolha: manter os segredos só durante esta sessão (você os digita de novo depois de reiniciar) ou guardá-los com proteção fraca (uma chave fixa que qualquer pessoa com seus arquivos consegue desfazer). Até você escolher, eles ficam só nesta sessão.',
  sessionNoKeychain:
    '{sessionOnly} Nenhum chaveiro do sistema foi encontrado, e você escolheu não guardar segredos no disco.',
  sessionLocked: '{sessionOnly} {keychain} não está disponível agora.',
  otherAddress:
    'Os segredos guardados de "{name}" foram salvos para {from} e só são enviados para lá; digite-os de novo para usá-los com {to}.',
  anotherAddress: 'outro endereço',
  thisAddress: 'este endereço',
  newAddress: 'o novo endereço',
  storageUnavailable:
    'Segredos ilegíveis, digite-os de novo: o armazenamento de segredos não está disponível, então os segredos guardados de "{name}" não podem ser lidos.',
  undecryptable: {
    both: 'Segredos ilegíveis, digite-os de novo: a chave pública e o segredo guardados de "{name}" não puderam ser decifrados neste computador. Digite-os de novo no editor do perfil.',
    publicKey:
      'Segredos ilegíveis, digite-a de novo: a chave pública guardada de "{name}" não pôde ser decifrada neste computador. Digite-a de novo no editor do perfil.',
    secret:
      'Segredos ilegíveis, digite-o de novo: o segredo compartilhado guardado de "{name}" não pôde ser decifrado neste computador. Digite-o de novo no editor do perfil.',
  },
  addressChanged: {
    publicKey:
      'O endereço do gateway mudou para {to}: digite a chave pública de novo. A guardada só é enviada para {from}, o endereço para o qual foi salva.',
    secret:
      'O endereço do gateway mudou para {to}: digite o segredo compartilhado de novo. O guardado só é enviado para {from}, o endereço para o qual foi salvo.',
  },
  storedUnreadable: {
    publicKey:
      'A chave pública guardada não pôde ser decifrada neste computador; digite-a de novo.',
    secret: 'O segredo guardado não pôde ser decifrado neste computador; digite-o de novo.',
  },
};

export const dataFolderPtBR: typeof dataFolderEn = {
  busy: 'A pasta de dados {folder} já está em uso por {who}. Dois processos do Shardwatch na mesma pasta sobrescreveriam as alterações um do outro. Pare aquele primeiro ou inicie este com --data-dir <outra pasta>.',
  busyAway:
    'A pasta de dados {folder} já está em uso por {who}. Dois processos do Shardwatch na mesma pasta sobrescreveriam as alterações um do outro. Pare aquele primeiro ou inicie este com --data-dir <outra pasta>. Se nenhum Shardwatch estiver rodando em {host}, apague {file}.',
  another: 'outro Shardwatch',
  holder: '{program} (PID {pid}, iniciado em {when})',
  holderAway: '{program} (PID {pid} em {host}, iniciado em {when})',
  cannotLock:
    'Não foi possível bloquear a pasta de dados {folder} ({code}). Verifique se o seu usuário pode escrever nela ou inicie o Shardwatch com --data-dir <outra pasta>.',
  lockUnreadable:
    'Não foi possível ler o arquivo de bloqueio {file} ({code}). Se nenhum outro Shardwatch estiver rodando, apague-o ou inicie o Shardwatch com --data-dir <outra pasta>.',
  isFile: 'A pasta de dados {folder} é um arquivo, não uma pasta; escolha outra com --data-dir.',
  cannotCreate:
    'Não foi possível criar a pasta de dados {folder} ({code}); escolha outra com --data-dir.',
  dialogTitle: 'O Shardwatch não pode usar esta pasta de dados',
};
