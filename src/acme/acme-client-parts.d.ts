// acme-client's modules imported one by one: the package index also loads node-forge and more that
// casctl never uses (~1/3 of its import time). The package has no "exports" map, so these paths are public
// in practice; they are typed loosely here and used only through src/acme/client.ts.
declare module 'acme-client/src/client.js' {
  const Client: new (options: Record<string, unknown>) => any;
  export = Client;
}
declare module 'acme-client/src/axios.js' {
  const axios: any;
  export = axios;
}
declare module 'acme-client/src/crypto/index.js' {
  export function createCsr(data: Record<string, unknown>, keyPem: string | Buffer): Promise<[Buffer, Buffer]>;
}
