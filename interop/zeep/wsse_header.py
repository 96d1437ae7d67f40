"""The soap:Header zeep writes for a WS-Security UsernameToken, for soap-client's
cross-check (soap-client/tests/wsse_zeep.rs).

Reads JSON cases from stdin, one per line:
  {"username": ..., "password": ..., "digest": bool, "nonce": str, "created": "...Z",
   "soap": "1.1" | "1.2"}
and prints, per case, one JSON line: {"header": "<soap:Header>...</soap:Header>"}, the
Header element exactly as lxml serialises zeep's envelope (prefix `soap`, UTF-8 text).
zeep takes the nonce as text and sends its UTF-8 bytes; `zulu_timestamp=True` writes
`Created` with `Z`, as soap-client does.
"""
import datetime
import json
import sys

from lxml import etree
from zeep.wsse.username import UsernameToken

ENVELOPES = {
    "1.1": "http://schemas.xmlsoap.org/soap/envelope/",
    "1.2": "http://www.w3.org/2003/05/soap-envelope",
}


def header(case):
    ns = ENVELOPES[case["soap"]]
    envelope = etree.Element("{%s}Envelope" % ns, nsmap={"soap": ns})
    etree.SubElement(envelope, "{%s}Body" % ns)
    created = datetime.datetime.fromisoformat(case["created"].replace("Z", "+00:00"))
    token = UsernameToken(
        case["username"],
        case["password"],
        use_digest=case["digest"],
        nonce=case["nonce"],
        created=created,
        zulu_timestamp=True,
    )
    envelope, _ = token.apply(envelope, {})
    text = etree.tostring(envelope, encoding="unicode")
    start = text.index("<soap:Header>")
    end = text.index("</soap:Header>") + len("</soap:Header>")
    return text[start:end]


for line in sys.stdin:
    if line.strip():
        print(json.dumps({"header": header(json.loads(line))}), flush=True)
