/**
 * `casctl jwk-gen`: a drop-in for mitreid-connect's json-web-key-generator (`java -jar jwk-gen.jar`).
 * Prints what the jar prints (`Full key:` and the Gson-pretty JWK, -p, -x) or writes -o/-P files, with
 * casctl's file rules: 0600, atomic, never replacing a key without --force, appending to a set under a lock.
 * Heavy or rarely needed parts (certificates, file writing, locks) are imported only when used.
 */
import type { Ctx } from '../cli/context.js';
import { inputError } from '../errors.js';
import { gsonPretty } from './gson.js';
import { generateKey, type GeneratedKey, type Jwk } from './keys.js';
import { parseJwkGenFlags, type JwkGenFlags, type JwkGenRequest } from './options.js';

export type { JwkGenFlags } from './options.js';

const wrap = (keySet: boolean, jwk: Record<string, unknown>) => (keySet ? { keys: [jwk] } : jwk);

/** The stdout text of the jar without -o. */
export async function consoleText(request: JwkGenRequest, key: GeneratedKey): Promise<string> {
  let text = `Full key:\n${gsonPretty(wrap(request.keySet, key.jwk))}\n`;
  if (request.showPublic) {
    text += '\n';
    text += key.publicJwk ? `Public key:\n${gsonPretty(wrap(request.keySet, key.publicJwk))}\n` : 'No public key.\n';
  }
  if (request.x509 && key.privateKey && key.publicKey) {
    const { pem, selfSignedCertificate } = await import('./certificate.js');
    const { thumbprint } = await import('./keys.js');
    const certificate = selfSignedCertificate({
      publicKey: key.publicKey,
      privateKey: key.privateKey,
      subject: key.jwk.kid ?? thumbprint(key.jwk),
    });
    text += '\nX509 Formatted Keys:\n';
    text += key.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    text += key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    text += pem('CERTIFICATE', certificate);
  }
  return text;
}

const describe = (jwk: Jwk) => `${jwk.kty} key${jwk.kid ? ` ${jwk.kid}` : ' (no kid)'}`;

async function writeFiles(ctx: Ctx, request: JwkGenRequest, key: GeneratedKey, output: string): Promise<number | void> {
  const files = await import('../io/files.js');
  const publicOutput = request.publicOutput;
  const publicOverwrite = request.force || request.keySet;
  const what = request.keySet ? 'key set' : 'key file';
  // Refuse before writing anything, so a refused -P never leaves a new -o behind.
  const refuseExisting = async (path: string, role: string) => {
    if (await files.pathExists(path)) {
      throw inputError('E_FILE_EXISTS', `refusing to overwrite existing ${role} ${path}`, { hint: 'pass --force to replace it' });
    }
  };
  if (!request.keySet && !request.force) await refuseExisting(output, what);
  if (publicOutput && !publicOverwrite) await refuseExisting(publicOutput, 'public key file');

  if (!request.keySet) {
    await files.writeFileAtomic(output, `${gsonPretty(key.jwk)}\n`, { mode: files.PRIVATE_MODE, overwrite: request.force, what });
    if (publicOutput) {
      await files.writeFileAtomic(publicOutput, `${gsonPretty(key.publicJwk)}\n`, { mode: 0o644, overwrite: publicOverwrite, what: 'public key file' });
    }
    ctx.out.success(`wrote ${describe(key.jwk)} to ${output}${publicOutput ? ` and its public key to ${publicOutput}` : ''}`);
    ctx.out.result(
      { file: output, kty: key.jwk.kty, kid: key.jwk.kid ?? null, ...(publicOutput ? { publicFile: publicOutput } : {}) },
      '',
    );
    return;
  }

  const { withLock } = await import('../io/lock.js');
  const { publicKeySet, readKeySet } = await import('./keyset.js');
  // Read once before locking so an unreadable or corrupt set gets the jar's message even where the
  // lock cannot be taken; read again under the lock, where another run may have appended meanwhile.
  await readKeySet(output);
  const count = await withLock(
    output,
    async () => {
      const { doc, existed } = await readKeySet(output);
      if (key.jwk.kid !== undefined && doc.keys.some((existing) => existing.kid === key.jwk.kid)) {
        ctx.out.warn(`${output} already has a key with kid ${key.jwk.kid}; pick another with -i or -g`);
      }
      doc.keys.push(key.jwk);
      await files.writeFileAtomic(output, `${gsonPretty(doc)}\n`, { mode: files.PRIVATE_MODE, overwrite: existed, what });
      if (publicOutput) {
        await files.writeFileAtomic(publicOutput, `${gsonPretty(publicKeySet(doc))}\n`, { mode: 0o644, overwrite: true, what: 'public key set' });
      }
      return doc.keys.length;
    },
    { what: 'key set' },
  );
  ctx.out.success(
    `added ${describe(key.jwk)} to ${output} (${count} key${count === 1 ? '' : 's'})${publicOutput ? `; public keys in ${publicOutput}` : ''}`,
  );
  ctx.out.result({ file: output, kty: key.jwk.kty, kid: key.jwk.kid ?? null, keys: count, ...(publicOutput ? { publicFile: publicOutput } : {}) }, '');
}

export async function runJwkGen(ctx: Ctx, flags: JwkGenFlags): Promise<number | void> {
  const request = parseJwkGenFlags(flags, { json: ctx.global.json });
  for (const warning of request.warnings) ctx.out.warn(warning);

  // Large RSA keys take seconds: show a spinner on a terminal (nothing extra in pipes and cron).
  const spec = request.spec;
  const key =
    spec.kty === 'RSA' && ctx.terminal.spinners
      ? await ctx.out.task(`generating a ${spec.size}-bit RSA key`, () => generateKey(spec))
      : await generateKey(spec);

  if (request.output !== undefined) return writeFiles(ctx, request, key, request.output);
  if (request.kOnly) {
    ctx.out.result(key.jwk.k, `${key.jwk.k}\n`);
    return;
  }
  const document = wrap(request.keySet, key.jwk);
  if (ctx.global.json) {
    ctx.out.result(document);
    return;
  }
  const text = await consoleText(request, key);
  ctx.out.result(document, text);
}
