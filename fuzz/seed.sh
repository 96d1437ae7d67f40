#!/usr/bin/env bash
# Builds the seed corpora under fuzz/corpus/<target>/ from what the repository and the
# shared WSDL corpus hold: WSDLs and schemas, the spec's sample messages, the recorded
# GlobalSign responses and requests, test CSRs. Deterministic; safe to run again (the
# corpus directories also collect what the fuzzer finds, and are not committed).
#
# Usage: fuzz/seed.sh [SHARED_DIR]   (default: ../shared beside the repository)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=${1:-$root/../shared}
corpus=$here/corpus
wsdl_corpus=$shared/wsdl-corpus
samples=$wsdl_corpus/globalsign/samples

targets=(wsdl_load xsd_load envelope_decode simple_values sandbox_request sandbox_csr generated_decode)
for t in "${targets[@]}"; do mkdir -p "$corpus/$t"; done

# A copy named after its path, so files of the same name in different folders stay apart.
put() { # put TARGET FILE [PREFIX_BYTE_OCTAL]
    local target=$1 file=$2 prefix=${3:-} name
    name=${file#"$root"/}
    name=$(printf '%s' "${name#"$shared"/}" | tr '/' '_')
    if [ -n "$prefix" ]; then
        { printf "\\$prefix"; cat "$file"; } > "$corpus/$target/$prefix-$name"
    else
        cp "$file" "$corpus/$target/$name"
    fi
}

# WSDL front end: our service description, and the small real ones (the big ones slow
# every execution down without adding much the small ones do not have).
put wsdl_load "$root/wsdl/GasOrderService.wsdl"
if [ -d "$wsdl_corpus" ]; then
    while IFS= read -r f; do put wsdl_load "$f"; done \
        < <(find "$wsdl_corpus" -name '*.wsdl' -size -64k | sort)
    while IFS= read -r f; do put xsd_load "$f"; done \
        < <(find "$wsdl_corpus" -name '*.xsd' -size -32k | sort)
fi

# Envelopes: every sample message, each with a few selector bytes (response lenient,
# response strict, request, request peek; +0x80 = small limits).
messages=("$root"/wsdl/samples/*.xml)
if [ -d "$samples" ]; then
    while IFS= read -r f; do messages+=("$f"); done < <(find "$samples" -name '*.xml' | sort)
fi
for f in "${messages[@]}"; do
    for selector in 000 001 002 003 201; do put envelope_decode "$f" "$selector"; done
    case "$f" in
        *request*) put sandbox_request "$f" ;;
    esac
done

# Generated decoders: each sample as its own operation's response or request (selector
# = the operation's index in generated_decode.rs, +0x10 for a request, +0x20 strict).
operations=(OrderOS OrderOSEV OrderPS1 OrderPS2 OrderPS2Dept OrderPS2Pro OrderAATL OrderQC
    ModifyOrder ReIssue ResendEmail GetOrderByOrderID GetModifiedOrders GetOrders)
for i in "${!operations[@]}"; do
    for f in "$root"/wsdl/samples/"${operations[$i]}".*.xml; do
        [ -e "$f" ] || continue
        case "$f" in
            *.request.xml) put generated_decode "$f" "$(printf '%03o' $((i | 16)))" ;;
            *) for extra in 0 32; do
                   put generated_decode "$f" "$(printf '%03o' $((i | extra)))"
               done ;;
        esac
    done
done
if [ -d "$samples" ]; then
    while IFS= read -r f; do put generated_decode "$f" 013; done \
        < <(find "$samples" -name '*GetOrderByOrderIDResponse*.xml' | sort)
fi

# CSRs: the test CSRs as text (selector 0).
for f in "$root"/gas-client/tests/data/csr/*.pem; do
    [ -e "$f" ] && put sandbox_csr "$f" 000
done

# Simple values: typical and edge values for each selector (see simple_values.rs).
value() { printf "\\$1%s" "$2" > "$corpus/simple_values/$1-$3"; }
value 000 "2016-10-19T12:51:15.596+09:00" datetime
value 000 "2016-10-19T12:51:15Z" datetime-z
value 001 "2016-10-19+09:00" date
value 002 "-0012.3400" decimal
value 003 "SGVsbG8gd29ybGQ=" base64
value 004 "0aFF" hex
value 005 "-1.5E-10" double
value 006 "INF" float
value 007 "-9223372036854775808" long
value 010 "18446744073709551615" ulong
value 011 "true" bool
value 012 "2016-10-19T12:51:15Z 2017-01-01T00:00:00.5-03:00" datetimes
value 013 "1.5 -2 0.000" decimals
value 014 "-128" byte
value 015 "any text" string
echo "seeded: $(for t in "${targets[@]}"; do printf '%s=%s ' "$t" "$(ls "$corpus/$t" | wc -l)"; done)"
