"""
Builds account-registration tokens the way CAS does, independently of casctl, with python3-jwcrypto (Debian).

stdin JSON: {"signing": text|null, "encryption": k|null, "claims": {...},
             "strategy": "ENCRYPT_AND_SIGN"|"SIGN_AND_ENCRYPT", "enc": "A256CBC-HS512"|"A128CBC-HS256",
             "zip": bool, "kid": str|null}
stdout: the token.

CAS layout (cas-server-core-util-api EncodingUtils / JsonWebTokenEncryptor / AbstractCipherExecutor):
- HMAC key = the UTF-8 bytes of the signing key TEXT; JWS header {"alg":"HS512","typ":"JWT"}.
- AES key = base64url-decode(encryption key); JWE header alg dir, enc, cty/typ JWT, kid (6.6+), zip DEF (5/6).
- ENCRYPT_AND_SIGN: JWS whose payload segment is base64url of the JWE compact string.
- SIGN_AND_ENCRYPT: JWE whose plaintext is the JWS compact string.
- crypto disabled: plain claims JSON.
"""
import json
import sys

from jwcrypto import jwe, jwk, jws
from jwcrypto.common import base64url_encode, json_encode


def make_jwe(plaintext, k, enc, zip_, kid):
    header = {"zip": "DEF"} if zip_ else {}
    header.update({"alg": "dir", "enc": enc, "cty": "JWT", "typ": "JWT"})
    if kid:
        header["kid"] = kid
    token = jwe.JWE(plaintext.encode("utf-8"), protected=json_encode(header))
    token.add_recipient(jwk.JWK(kty="oct", k=k))
    return token.serialize(compact=True)


def make_jws(payload, signing_text):
    token = jws.JWS(payload.encode("utf-8"))
    key = jwk.JWK(kty="oct", k=base64url_encode(signing_text.encode("utf-8")))
    token.add_signature(key, None, json_encode({"alg": "HS512", "typ": "JWT"}))
    return token.serialize(compact=True)


def main():
    data = json.load(sys.stdin)
    claims = json.dumps(data["claims"], separators=(",", ":"))
    signing, encryption = data.get("signing"), data.get("encryption")
    enc, zip_, kid = data.get("enc", "A256CBC-HS512"), data.get("zip", False), data.get("kid")
    if not signing and not encryption:
        print(claims)
    elif not encryption:
        print(make_jws(claims, signing))
    elif not signing:
        print(make_jwe(claims, encryption, enc, zip_, kid))
    elif data.get("strategy", "ENCRYPT_AND_SIGN") == "ENCRYPT_AND_SIGN":
        print(make_jws(make_jwe(claims, encryption, enc, zip_, kid), signing))
    else:
        print(make_jwe(make_jws(claims, signing), encryption, enc, zip_, kid))


if __name__ == "__main__":
    main()
