/**
 * The electron mock's safeStorage (electron-mock.ts): a configurable backend
 * whose "key" makes ciphertext from another key undecryptable.
 */
import { record } from './electron-mock-record';

/** How the fake safeStorage behaves. */
export interface SafeStorageConfig {
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
  /** What isEncryptionAvailable() says (basic_text: only after setUsePlainTextEncryption(true)). */
  available: boolean;
  /** The "key": ciphertext made under another key does not decrypt. */
  key: string;
  /** decryptString returns nonsense instead of throwing (a wrong key that happens to unpad). */
  garbageOnWrongKey: boolean;
}

/** The fake safeStorage: reversible "encryption" under `config.key`. */
export class MockSafeStorage {
  config: SafeStorageConfig = {
    backend: 'gnome_libsecret',
    available: true,
    key: 'k1',
    garbageOnWrongKey: false,
  };
  plainTextForced = false;
  isEncryptionAvailable(): boolean {
    if (this.config.backend === 'basic_text') return this.config.available || this.plainTextForced;
    return this.config.available;
  }
  encryptString(plain: string): Buffer {
    record('safeStorage', 'encryptString', ['<plain>']);
    if (!this.isEncryptionAvailable()) throw new Error('Encryption is not available.');
    return Buffer.from(
      `MOCK:${this.config.key}:${Buffer.from(plain, 'utf8').toString('base64')}`,
      'utf8',
    );
  }
  decryptString(buf: Buffer): string {
    record('safeStorage', 'decryptString', ['<cipher>']);
    if (!this.isEncryptionAvailable()) throw new Error('Decryption is not available.');
    const [tag, key, body] = buf.toString('utf8').split(':');
    if (tag !== 'MOCK' || body === undefined) {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    }
    if (key !== this.config.key) {
      if (this.config.garbageOnWrongKey) return '\u0007q#Zp\u0012garbage-from-a-wrong-key';
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    }
    return Buffer.from(body, 'base64').toString('utf8');
  }
  getSelectedStorageBackend(): SafeStorageConfig['backend'] {
    return this.config.backend;
  }
  setUsePlainTextEncryption(on: boolean): void {
    record('safeStorage', 'setUsePlainTextEncryption', [on]);
    this.plainTextForced = on;
  }
}
