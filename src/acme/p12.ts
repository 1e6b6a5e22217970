/**
 * PKCS#12 of the domain key and chain, for CAS's embedded Tomcat (`server.ssl.key-store`,
 * `server.ssl.key-store-type=PKCS12`, `server.ssl.key-alias`). AES-256 + SHA-256 so that current
 * OpenSSL 3 and Java read it without legacy providers.
 */
export async function buildPkcs12(keyPkcs8Pem: string, chainPems: string[], password: string, alias: string): Promise<Buffer> {
  const forgeModule: any = await import('node-forge');
  const forge = forgeModule.default ?? forgeModule;
  const key = forge.pki.privateKeyFromPem(keyPkcs8Pem);
  const certs = chainPems.map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: 'aes256', friendlyName: alias, generateLocalKeyId: true });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
