import { describe, expect, it } from 'vitest';
import { encodePassword, md5Crypt, parseEncoderType, shaCrypt, validateEncoder } from '../../../src/restauth/encoders.js';
import { openssl, python, requireTool, SYSTEM_PYTHON } from '../../helpers/tools.js';

requireTool('openssl', 'apt-get install openssl');
requireTool(SYSTEM_PYTHON, 'apt-get install python3');

const PASSWORDS = ['Mellon', 'pässwörd €', '', 'x'.repeat(80)];

describe('DefaultPasswordEncoder (lower-case hex digest of the encoded bytes)', () => {
  for (const [cas, ossl] of [
    ['MD5', 'md5'],
    ['SHA-1', 'sha1'],
    ['SHA-256', 'sha256'],
    ['SHA-512', 'sha512'],
  ] as const) {
    it(`${cas} over UTF-8 matches openssl dgst`, async () => {
      for (const password of PASSWORDS.filter((p) => p !== '')) {
        const { stdout } = await openssl(['dgst', `-${ossl}`, '-r'], Buffer.from(password, 'utf8'));
        const expected = stdout.split(' ')[0]!;
        expect(encodePassword(password, { type: 'default', encodingAlgorithm: cas, characterEncoding: 'UTF-8' }).value).toBe(expected);
      }
    });
  }

  it('honours the character encoding as Java does (ISO-8859-1, US-ASCII with ?, UTF-16 with BOM) like python hashlib', async () => {
    const script = `
import hashlib, sys
p = sys.argv[1]
def java_ascii(s): return bytes(ord(c) if ord(c) < 128 else 0x3f for c in s)
print(hashlib.sha256(p.encode('iso-8859-1')).hexdigest())
print(hashlib.sha256(java_ascii(p)).hexdigest())
print(hashlib.sha256(b'\\xfe\\xff' + p.encode('utf-16-be')).hexdigest())
print(hashlib.md5(p.encode('utf-16-le')).hexdigest())`;
    const { stdout } = await python(script, ['pässwörd']);
    const [latin1, ascii, utf16, utf16le] = stdout.trim().split('\n');
    const enc = (characterEncoding: string, encodingAlgorithm = 'SHA-256') =>
      encodePassword('pässwörd', { type: 'default', encodingAlgorithm, characterEncoding }).value;
    expect(enc('ISO-8859-1')).toBe(latin1);
    expect(enc('US-ASCII')).toBe(ascii);
    expect(enc('UTF-16')).toBe(utf16);
    expect(enc('UTF-16LE', 'MD5')).toBe(utf16le);
  });

  it('needs an algorithm, refuses unknown ones and unknown charsets (usage errors)', () => {
    expect(() => validateEncoder({ type: 'default' })).toThrow(expect.objectContaining({ category: 'usage' }));
    expect(() => validateEncoder({ type: 'default', encodingAlgorithm: 'WHIRLPOOL-9' })).toThrow(/unsupported --encoding-algorithm/);
    expect(() => validateEncoder({ type: 'default', encodingAlgorithm: 'MD5', characterEncoding: 'EBCDIC' })).toThrow(/character-encoding/);
  });
});

describe('GlibcCryptPasswordEncoder with a secret (the salt) is deterministic', () => {
  const glibc = async (salt: string, password: string) =>
    (await python('import crypt, sys, warnings; print(crypt.crypt(sys.argv[1], sys.argv[2]))', [password, salt])).stdout.trim();

  it('SHA-512 and SHA-256 crypt match glibc crypt(3)', async () => {
    for (const password of PASSWORDS) {
      expect(shaCrypt('sha512', Buffer.from(password), 'saltsalt', 5000)).toBe(await glibc('$6$rounds=5000$saltsalt', password));
      expect(shaCrypt('sha256', Buffer.from(password), 'abcdefghijklmnopqrstu', 1000)).toBe(await glibc('$5$rounds=1000$abcdefghijklmnopqrstu', password));
    }
  });

  it('MD5 crypt matches openssl passwd -1 (salt cut at 8 characters)', async () => {
    for (const password of ['Mellon', 'pässwörd €']) {
      const { stdout } = await openssl(['passwd', '-1', '-salt', 'abcdefgh', '-stdin'], `${password}\n`);
      expect(md5Crypt(Buffer.from(password), 'abcdefghXYZ')).toBe(stdout.trim());
    }
  });

  it("clamps CAS's default strength 16 to 1000 rounds, as commons-codec Sha2Crypt does", async () => {
    const value = encodePassword('Mellon', { type: 'glibc-crypt', encodingAlgorithm: 'SHA-512', secret: 'pepper', strength: 16 }).value;
    expect(value.startsWith('$6$rounds=1000$pepper$')).toBe(true);
    expect(value).toBe(await glibc('$6$rounds=1000$pepper', 'Mellon'));
  });

  it('without a secret says why it cannot reproduce CAS', () => {
    expect(() => validateEncoder({ type: 'glibc-crypt', encodingAlgorithm: 'SHA-512' })).toThrow(/random salt when it starts/);
    expect(() => validateEncoder({ type: 'glibc-crypt', encodingAlgorithm: 'x' })).toThrow(/random character/);
    expect(() => validateEncoder({ type: 'glibc-crypt', encodingAlgorithm: 'SHA-51' })).toThrow(expect.objectContaining({ code: 'E_ENCODER_INVALID' }));
  });

  it('an unrecognised algorithm name falls back to DES crypt salted with its first two characters, as glibc computes', async () => {
    for (const password of ['Mellon', 'pässwörd-longer-than-8', '']) {
      const withSecret = encodePassword(password, { type: 'glibc-crypt', encodingAlgorithm: 'SHA512', secret: 'pepper' });
      expect(withSecret.value).toBe(await glibc('SH', password));
      expect(withSecret.warning).toMatch(/falls back to DES crypt with the salt "SH"/);
      // Without a secret CAS appends random hex, but DES only reads two characters: still reproducible.
      expect(encodePassword(password, { type: 'glibc-crypt', encodingAlgorithm: 'ab' }).value).toBe(await glibc('ab', password));
    }
  });
});

describe('salted encoders are refused with the reason', () => {
  for (const type of ['bcrypt', 'pbkdf2', 'scrypt', 'ssha', 'standard', 'argon2'] as const) {
    it(type, () => {
      let error: unknown;
      try {
        validateEncoder({ type });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ category: 'usage', code: 'E_ENCODER_NOT_DETERMINISTIC' });
      expect((error as Error).message).toMatch(/random .*salt/);
    });
  }

  it('accepts CAS spellings of the types', () => {
    expect(parseEncoderType('DEFAULT')).toBe('default');
    expect(parseEncoderType('GLIBC_CRYPT')).toBe('glibc-crypt');
    expect(parseEncoderType('NONE')).toBe('none');
    expect(() => parseEncoderType('org.example.MyEncoder')).toThrow(/Java class/);
    expect(() => parseEncoderType('md4')).toThrow(/unknown password encoder/);
  });
});
