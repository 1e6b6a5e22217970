"""
Independent implementation of CAS's cipher format with python3-jwcrypto (Debian), for casctl's tests.

  make  STRATEGY ENC ZIP PAYLOAD_ENCODING KID   (stdin: JSON {"signing": text, "encryption": k, "claims": {...}})
        → prints the token CAS would produce
  read  (stdin: JSON {"signing": text, "encryption": k, "token": "..."})
        → prints JSON {"strategy", "jws", "jwe", "claims"} or exits 1 with the error

CAS's rules: HMAC key = UTF-8 bytes of the signing key TEXT; AES key = base64url-decode(encryption key);
JWE alg dir; ENCRYPT_AND_SIGN = JWS whose payload segment is base64(url) of the JWE compact string.
"""
import base64
import hashlib
import hmac
import json
import sys

from jwcrypto import jwe, jwk, jws
from jwcrypto.common import base64url_decode, base64url_encode, json_encode


def hmac_key(text):
    return jwk.JWK(kty="oct", k=base64url_encode(text.encode("utf-8")))


def aes_key(k):
    return jwk.JWK(kty="oct", k=k)


def make_jwe(plaintext, key, enc, zip_, kid):
    header = {}
    if zip_:
        header["zip"] = "DEF"
    header.update({"alg": "dir", "enc": enc, "cty": "JWT", "typ": "JWT"})
    if kid:
        header["kid"] = kid
    token = jwe.JWE(plaintext.encode("utf-8"), protected=json_encode(header))
    token.add_recipient(key)
    return token.serialize(compact=True)


def make_jws(payload, signing_text, payload_encoding):
    header = {"alg": "HS512", "typ": "JWT"}
    if payload_encoding == "base64url":
        token = jws.JWS(payload.encode("utf-8"))
        token.add_signature(hmac_key(signing_text), None, json_encode(header))
        return token.serialize(compact=True)
    # CAS 5/6 EncodingUtils#signJws: the payload segment is standard Base64 (+/ and = padding) of the
    # value; jwcrypto cannot emit that, so sign the segments by hand (HMAC-SHA512 over "h.p").
    h = base64url_encode(json.dumps(header, separators=(",", ":")).encode())
    p = base64.b64encode(payload.encode("utf-8")).decode()
    sig = hmac.new(signing_text.encode("utf-8"), f"{h}.{p}".encode(), hashlib.sha512).digest()
    return f"{h}.{p}.{base64url_encode(sig)}"


def lenient_b64(segment):
    s = segment.replace("-", "+").replace("_", "/").rstrip("=")
    return base64.b64decode(s + "=" * (-len(s) % 4))


def verify_jws(compact, signing_text):
    h, p, s = compact.split(".")
    expected = hmac.new(signing_text.encode("utf-8"), f"{h}.{p}".encode(), hashlib.sha512).digest()
    if not hmac.compare_digest(expected, base64url_decode(s)):
        raise ValueError("JWS signature mismatch")
    if all(c not in p for c in "+/="):
        # canonical segment: let jwcrypto do the verification too
        token = jws.JWS()
        token.deserialize(compact, hmac_key(signing_text))
        return json.loads(base64url_decode(h)), token.payload.decode("utf-8")
    return json.loads(base64url_decode(h)), lenient_b64(p).decode("utf-8")


def decrypt_jwe(compact, k):
    token = jwe.JWE()
    token.deserialize(compact, aes_key(k))
    return json.loads(base64url_decode(compact.split(".")[0])), token.payload.decode("utf-8")


def main():
    mode = sys.argv[1]
    data = json.load(sys.stdin)
    if mode == "make":
        strategy, enc, zip_, payload_encoding, kid = sys.argv[2:7]
        claims = json.dumps(data["claims"], separators=(",", ":"))
        zip_ = zip_ == "zip"
        kid = None if kid == "-" else kid
        if strategy == "ENCRYPT_AND_SIGN":
            print(make_jws(make_jwe(claims, aes_key(data["encryption"]), enc, zip_, kid), data["signing"], payload_encoding))
        else:
            print(make_jwe(make_jws(claims, data["signing"], payload_encoding), aes_key(data["encryption"]), enc, zip_, kid))
        return
    token = data["token"].strip()
    parts = token.split(".")
    if len(parts) == 3:
        jws_header, inner = verify_jws(token, data["signing"])
        jwe_header, plaintext = decrypt_jwe(inner, data["encryption"])
        strategy = "ENCRYPT_AND_SIGN"
    else:
        jwe_header, inner = decrypt_jwe(token, data["encryption"])
        jws_header, plaintext = verify_jws(inner, data["signing"])
        strategy = "SIGN_AND_ENCRYPT"
    print(json.dumps({"strategy": strategy, "jws": jws_header, "jwe": jwe_header, "claims": json.loads(plaintext)}))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a failed read is the answer, not a crash
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
