/**
 * Envelope encryption for sensitive fields, with WebCrypto's AES-256-GCM (an AEAD). Each record has
 * its own data key, kept only wrapped (record-keys.ts owns where and by what): deleting it
 * (crypto-shredding) leaves the record's ciphertext unreadable wherever a copy survives, once every
 * key that wrapped it is gone too. Every ciphertext is bound to its record and purpose through the
 * additional data, so rows cannot be swapped.
 */

const NONCE_BYTES = 12;
const subtle = globalThis.crypto.subtle;

async function aesKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function seal(raw: Uint8Array, plaintext: Uint8Array, context: string): Promise<Buffer> {
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const sealed = await subtle.encrypt(
    { name: 'AES-GCM', iv: nonce as BufferSource, additionalData: new TextEncoder().encode(context) },
    await aesKey(raw),
    plaintext as BufferSource,
  );
  return Buffer.concat([nonce, new Uint8Array(sealed)]);
}

async function unseal(raw: Uint8Array, sealed: Uint8Array, context: string): Promise<Buffer> {
  const plain = await subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: sealed.subarray(0, NONCE_BYTES) as BufferSource,
      additionalData: new TextEncoder().encode(context),
    },
    await aesKey(raw),
    sealed.subarray(NONCE_BYTES) as BufferSource,
  );
  return Buffer.from(plain);
}

export function newDataKey(): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

export function wrapDataKey(masterKey: Uint8Array, dataKey: Uint8Array, recordId: string): Promise<Buffer> {
  return seal(masterKey, dataKey, `key:${recordId}`);
}

export function unwrapDataKey(masterKey: Uint8Array, wrapped: Uint8Array, recordId: string): Promise<Buffer> {
  return unseal(masterKey, wrapped, `key:${recordId}`);
}

export function encryptField(
  dataKey: Uint8Array,
  value: string | Uint8Array,
  context: string,
): Promise<Buffer> {
  return seal(dataKey, typeof value === 'string' ? new TextEncoder().encode(value) : value, context);
}

export async function decryptField(
  dataKey: Uint8Array,
  sealed: Uint8Array,
  context: string,
): Promise<Buffer> {
  return unseal(dataKey, sealed, context);
}

export async function decryptText(dataKey: Uint8Array, sealed: Uint8Array, context: string): Promise<string> {
  return new TextDecoder().decode(await unseal(dataKey, sealed, context));
}
