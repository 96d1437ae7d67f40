# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_gas_global_optspecs
    string join \n endpoint= allow-plain-http config= password-stdin timeout= json v/verbose strict-reading h/help V/version
end

function __fish_gas_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_gas_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_gas_using_subcommand
    set -l cmd (__fish_gas_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c gas -n "__fish_gas_needs_command" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_needs_command" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_needs_command" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_needs_command" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_needs_command" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_needs_command" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_needs_command" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_needs_command" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_needs_command" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_needs_command" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_needs_command" -f -a "order" -d 'Place an order (OrderOS, OrderOSEV, OrderPS1, OrderPS2, OrderPS2Dept, OrderPS2Pro, OrderAATL, OrderQC) from a TOML or JSON file, or print a template for one'
complete -c gas -n "__fish_gas_needs_command" -f -a "reissue" -d 'Reissue the certificate of an order (ReIssue): a new order with a new key'
complete -c gas -n "__fish_gas_needs_command" -f -a "cancel" -d 'Cancel an order (ModifyOrder CANCEL)'
complete -c gas -n "__fish_gas_needs_command" -f -a "revoke" -d 'Revoke the certificate of an order (ModifyOrder REVOKE)'
complete -c gas -n "__fish_gas_needs_command" -f -a "resend-email" -d 'Send an order\'s e-mail again (ResendEmail)'
complete -c gas -n "__fish_gas_needs_command" -f -a "get" -d 'Show one order (GetOrderByOrderID)'
complete -c gas -n "__fish_gas_needs_command" -f -a "modified" -d 'List the orders modified between two moments (GetModifiedOrders)'
complete -c gas -n "__fish_gas_needs_command" -f -a "orders" -d 'List orders by product, status, dates, common name, OrderID or SubID (GetOrders)'
complete -c gas -n "__fish_gas_needs_command" -f -a "certificate" -d 'Write an order\'s issued certificate and its CA chain as PEM files'
complete -c gas -n "__fish_gas_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c gas -n "__fish_gas_needs_command" -f -a "man" -d 'Print the manual page (roff), or write one per command into a directory'
complete -c gas -n "__fish_gas_needs_command" -f -a "probe" -d 'Compare the service with our WSDL, read-only: its `?wsdl` in API terms, then GetOrders, GetOrderByOrderID and GetModifiedOrders over a recent window, listing every deviation. Never orders, modifies or resends'
complete -c gas -n "__fish_gas_needs_command" -f -a "sandbox" -d 'Run the local sandbox server (a GasOrderService that follows the spec)'
complete -c gas -n "__fish_gas_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "os" -d 'Code signing (OrderOS)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "osev" -d 'EV code signing (OrderOSEV)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "ps1" -d 'PersonalSign 1 (OrderPS1)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "ps2" -d 'PersonalSign 2 (OrderPS2)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "ps2dept" -d 'PersonalSign 2 Department (OrderPS2Dept)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "ps2pro" -d 'PersonalSign 2 Pro (OrderPS2Pro)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "aatl" -d 'PDF signing, AATL (OrderAATL)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "qc" -d 'Qualified certificate for signature or seal (OrderQC)'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "template" -d 'Print a commented TOML template with every field of an order: length, allowed values and description from the spec'
complete -c gas -n "__fish_gas_using_subcommand order; and not __fish_seen_subcommand_from os osev ps1 ps2 ps2dept ps2pro aatl qc template help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -s f -l file -d 'The order: a TOML or JSON file with the request\'s fields (see `gas order template`), or `-` for standard input' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l sub-id -d 'Set the order\'s SubID (your own reference, at most 50 characters), replacing the file\'s. With a SubID an order whose answer was lost can be found again' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l csr -d 'The certificate signing request (PEM file; `-` for standard input), replacing the file\'s `CSR` (OrderAATL, OrderQC). Checked before sending' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from os" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -s f -l file -d 'The order: a TOML or JSON file with the request\'s fields (see `gas order template`), or `-` for standard input' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l sub-id -d 'Set the order\'s SubID (your own reference, at most 50 characters), replacing the file\'s. With a SubID an order whose answer was lost can be found again' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l csr -d 'The certificate signing request (PEM file; `-` for standard input), replacing the file\'s `CSR` (OrderAATL, OrderQC). Checked before sending' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from osev" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -s f -l file -d 'The order: a TOML or JSON file with the request\'s fields (see `gas order template`), or `-` for standard input' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l sub-id -d 'Set the order\'s SubID (your own reference, at most 50 characters), replacing the file\'s. With a SubID an order whose answer was lost can be found again' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l csr -d 'The certificate signing request (PEM file; `-` for standard input), replacing the file\'s `CSR` (OrderAATL, OrderQC). Checked before sending' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps1" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -s f -l file -d 'The order: a TOML or JSON file with the request\'s fields (see `gas order template`), or `-` for standard input' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l sub-id -d 'Set the order\'s SubID (your own reference, at most 50 characters), replacing the file\'s. With a SubID an order whose answer was lost can be found again' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l csr -d 'The certificate signing request (PEM file; `-` for standard input), replacing the file\'s `CSR` (OrderAATL, OrderQC). Checked before sending' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -s f -l file -d 'The order: a TOML or JSON file with the request\'s fields (see `gas order template`), or `-` for standard input' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l sub-id -d 'Set the order\'s SubID (your own reference, at most 50 characters), replacing the file\'s. With a SubID an order whose answer was lost can be found again' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l csr -d 'The certificate signing request (PEM file; `-` for standard input), replacing the file\'s `CSR` (OrderAATL, OrderQC). Checked before sending' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2dept" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -s f -l file -d 'The order: a TOML or JSON file with the request\'s fields (see `gas order template`), or `-` for standard input' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l sub-id -d 'Set the order\'s SubID (your own reference, at most 50 characters), replacing the file\'s. With a SubID an order whose answer was lost can be found again' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l csr -d 'The certificate signing request (PEM file; `-` for standard input), replacing the file\'s `CSR` (OrderAATL, OrderQC). Checked before sending' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from ps2pro" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -s f -l file -d 'The order: a TOML or JSON file with the request\'s fields (see `gas order template`), or `-` for standard input' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l sub-id -d 'Set the order\'s SubID (your own reference, at most 50 characters), replacing the file\'s. With a SubID an order whose answer was lost can be found again' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l csr -d 'The certificate signing request (PEM file; `-` for standard input), replacing the file\'s `CSR` (OrderAATL, OrderQC). Checked before sending' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from aatl" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -s f -l file -d 'The order: a TOML or JSON file with the request\'s fields (see `gas order template`), or `-` for standard input' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l sub-id -d 'Set the order\'s SubID (your own reference, at most 50 characters), replacing the file\'s. With a SubID an order whose answer was lost can be found again' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l csr -d 'The certificate signing request (PEM file; `-` for standard input), replacing the file\'s `CSR` (OrderAATL, OrderQC). Checked before sending' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from qc" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from template" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "os" -d 'Code signing (OrderOS)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "osev" -d 'EV code signing (OrderOSEV)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "ps1" -d 'PersonalSign 1 (OrderPS1)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "ps2" -d 'PersonalSign 2 (OrderPS2)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "ps2dept" -d 'PersonalSign 2 Department (OrderPS2Dept)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "ps2pro" -d 'PersonalSign 2 Pro (OrderPS2Pro)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "aatl" -d 'PDF signing, AATL (OrderAATL)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "qc" -d 'Qualified certificate for signature or seal (OrderQC)'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "template" -d 'Print a commented TOML template with every field of an order: length, allowed values and description from the spec'
complete -c gas -n "__fish_gas_using_subcommand order; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gas -n "__fish_gas_using_subcommand reissue" -l issue-type -d 'What the reissue does: 0 (register only), 1 (issue), 2 (Fortify)' -r -f -a "0\t'REGISTER: register the order; the certificate is issued later, outside the API.'
1\t'ISSUE: issue the certificate.'
2\t'Fortify: use the Fortify option.'"
complete -c gas -n "__fish_gas_using_subcommand reissue" -l csr -d 'The new certificate signing request (PEM file; `-` for standard input). Checked before sending: an empty file, a certificate or a key is refused' -r -F
complete -c gas -n "__fish_gas_using_subcommand reissue" -l hash-algorithm -d 'Signature hash algorithm' -r -f -a "SHA256\t'SHA-256. The only value left after SHA-1 was dropped (release notes 2.2, 2.4.2).'"
complete -c gas -n "__fish_gas_using_subcommand reissue" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand reissue" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand reissue" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand reissue" -l pickup-password-env -d 'Read the PKCS#12 pickup password from the environment variable GAS_PICKUP_PASSWORD'
complete -c gas -n "__fish_gas_using_subcommand reissue" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand reissue" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand reissue" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand reissue" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand reissue" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand reissue" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand reissue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gas -n "__fish_gas_using_subcommand reissue" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand cancel" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand cancel" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand cancel" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand cancel" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand cancel" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand cancel" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand cancel" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand cancel" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand cancel" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand cancel" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand cancel" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand revoke" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand revoke" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand revoke" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand revoke" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand revoke" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand revoke" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand revoke" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand revoke" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand revoke" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand revoke" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand revoke" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l type -d 'Which e-mail to send again' -r -f -a "ENROLLMENT\t'The enrolment email to the subscriber.'"
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand resend-email" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand resend-email" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand resend-email" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gas -n "__fish_gas_using_subcommand resend-email" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand get" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand get" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand get" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand get" -l order-option -d 'Return the organization, contacts and subscriber (ReturnOrderOption)'
complete -c gas -n "__fish_gas_using_subcommand get" -l certificate-info -d 'Return the certificate\'s details (ReturnCertificateInfo)'
complete -c gas -n "__fish_gas_using_subcommand get" -l fulfillment -d 'Return the certificate itself (ReturnFulfillment)'
complete -c gas -n "__fish_gas_using_subcommand get" -l ca-certs -d 'Return the CA certificates (ReturnCACerts)'
complete -c gas -n "__fish_gas_using_subcommand get" -l all -d 'All of the above'
complete -c gas -n "__fish_gas_using_subcommand get" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand get" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand get" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand get" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand get" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand get" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand get" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand get" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand modified" -l from -d 'Start of the range: a date (2024-05-01, from its start in UTC), a date-time (2024-05-01T12:00:00Z, offsets allowed), now, today, yesterday, or a time before now (-7d, -12h, -30m, -2w)' -r
complete -c gas -n "__fish_gas_using_subcommand modified" -l to -d 'End of the range, as --from (a date means its end: 23:59:59 UTC). Default: now' -r
complete -c gas -n "__fish_gas_using_subcommand modified" -l status -d 'Only orders in this status' -r -f -a "1\t'INITIAL.'
3\t'Cancelled - Not Issued.'
4\t'Issue completed.'
5\t'Cancelled - Issued.'
6\t'Waiting for validating.'
7\t'Validated.'
8\t'INITIAL_EXPIRED (added in 2.4.3): 180 days passed without issue.'"
complete -c gas -n "__fish_gas_using_subcommand modified" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand modified" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand modified" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand modified" -l order-option -d 'Return the organization, contacts and subscriber (ReturnOrderOption)'
complete -c gas -n "__fish_gas_using_subcommand modified" -l certificate-info -d 'Return the certificate\'s details (ReturnCertificateInfo)'
complete -c gas -n "__fish_gas_using_subcommand modified" -l fulfillment -d 'Return the certificate itself (ReturnFulfillment)'
complete -c gas -n "__fish_gas_using_subcommand modified" -l ca-certs -d 'Return the CA certificates (ReturnCACerts)'
complete -c gas -n "__fish_gas_using_subcommand modified" -l all -d 'All of the above'
complete -c gas -n "__fish_gas_using_subcommand modified" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand modified" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand modified" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand modified" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand modified" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand modified" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand modified" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gas -n "__fish_gas_using_subcommand modified" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand orders" -l product -d 'Only this product: os, osev, ps1, ps2, ps2dept, ps2pro, aatl (as for `gas order`) or a ProductCode: OSMulti, OSEV, PS1, PS2, PS2Pro, PS2Dept, DSAATL, DSQCSignature, DSQCSeal. Any case' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l status -d 'Only orders in this status' -r -f -a "1\t'INITIAL.'
3\t'Cancelled - Not Issued.'
4\t'Issue completed.'
5\t'Cancelled - Issued.'
6\t'Waiting for validating.'
7\t'Validated.'
8\t'INITIAL_EXPIRED (added in 2.4.3): 180 days passed without issue.'"
complete -c gas -n "__fish_gas_using_subcommand orders" -l certificate-status -d 'Only orders whose certificate is in this status' -r -f -a "0\t'INITIAL.'
10\t'Issued.'
30\t'Revoked.'
50\t'Waiting for revocation.'"
complete -c gas -n "__fish_gas_using_subcommand orders" -l requested-from -d 'Requested on or after this day. Every date flag takes a date (2024-05-01), a date-time (its date is used), now, today, yesterday, or a time before now (-7d, -12h, -30m, -2w)' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l requested-to -d 'Requested on or before this day' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l issued-from -d 'Issued on or after this day' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l issued-to -d 'Issued on or before this day' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l expires-from -d 'Expiring on or after this day' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l expires-to -d 'Expiring on or before this day' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l common-name -d 'Only orders for this certificate common name' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l order-id -d 'Only the order with this OrderID' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l sub-id -d 'Only orders with this SubID (your own reference given when ordering)' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand orders" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand orders" -l order-option -d 'Return the organization, contacts and subscriber (ReturnOrderOption)'
complete -c gas -n "__fish_gas_using_subcommand orders" -l certificate-info -d 'Return the certificate\'s details (ReturnCertificateInfo)'
complete -c gas -n "__fish_gas_using_subcommand orders" -l fulfillment -d 'Return the certificate itself (ReturnFulfillment)'
complete -c gas -n "__fish_gas_using_subcommand orders" -l ca-certs -d 'Return the CA certificates (ReturnCACerts)'
complete -c gas -n "__fish_gas_using_subcommand orders" -l all -d 'All of the above'
complete -c gas -n "__fish_gas_using_subcommand orders" -l dry-run -d 'Validate and print the SOAP request (secrets masked) instead of sending it'
complete -c gas -n "__fish_gas_using_subcommand orders" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand orders" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand orders" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand orders" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand orders" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand orders" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gas -n "__fish_gas_using_subcommand orders" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand certificate" -l out -d 'Directory to write into (created if missing): `<OrderID>.pem` (the certificate), `<OrderID>.chain.pem` (the intermediate CA certificates, the one that issued the certificate first), `<OrderID>.fullchain.pem` (the certificate, then the intermediates) and `<OrderID>.root.pem` (the root CA certificate, to trust)' -r -F
complete -c gas -n "__fish_gas_using_subcommand certificate" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand certificate" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand certificate" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand certificate" -l force -d 'Replace files that already exist'
complete -c gas -n "__fish_gas_using_subcommand certificate" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand certificate" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand certificate" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand certificate" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand certificate" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand certificate" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand certificate" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand completions" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand completions" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand completions" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand completions" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand completions" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand completions" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand completions" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand completions" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand completions" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand completions" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand man" -l out -d 'Write `gas.1` and `gas-<command>.1` into this directory instead' -r -F
complete -c gas -n "__fish_gas_using_subcommand man" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand man" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand man" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand man" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand man" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand man" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand man" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand man" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand man" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand man" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand probe" -l days -d 'The window, in days up to now, for GetOrders (by request date) and GetModifiedOrders' -r
complete -c gas -n "__fish_gas_using_subcommand probe" -l record -d 'Write the WSDL and every exchange into DIR, secrets masked and personal data (names, e-mails, addresses, phone numbers, certificates and their subjects) replaced by placeholders of the same length and shape, to attach to a bug report' -r -F
complete -c gas -n "__fish_gas_using_subcommand probe" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand probe" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand probe" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand probe" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand probe" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand probe" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand probe" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand probe" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand probe" -s h -l help -d 'Print help'
complete -c gas -n "__fish_gas_using_subcommand probe" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l listen -d 'Address to listen on (loopback unless you mean it)' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l account -d 'A test account, USER:PASSWORD (repeatable). These are the sandbox\'s own made-up accounts, not GlobalSign credentials. Without any (and without --accounts-file), the sandbox takes GAS_USERNAME and GAS_PASSWORD as its one account' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l accounts-file -d 'A file of accounts, one USER:PASSWORD per line; blank lines and # comments are skipped (repeatable)' -r -F
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l state -d 'Keep orders, counters and the test CA in this file (created if missing), so that a restart loses nothing. Default: memory only' -r -F
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l issue-policy -d 'When GlobalSign\'s steps outside the API (vetting, pick-up, revocation) happen: at once (on-order), or only through the admin API (manual). IssueType 0 (REGISTER) orders always wait for the admin step' -r -f -a "on-order\t'Vet and issue while the order call runs; revoke at once'
manual\t'Leave orders waiting for the admin steps'"
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l header-read-timeout -d 'A request\'s headers must arrive within this (from the connection opening for the first request, from its first byte for later ones), e.g. 10s, 500ms' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l body-read-timeout -d 'A request\'s body must arrive within this of its headers; else 408 and the connection is closed' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l idle-timeout -d 'Close a kept-alive connection when no request starts within this of the last answer' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l max-connections -d 'The most connections open at once; at the cap the longest-idle one is closed, and a new one gets 503 when all are busy. Default: 1024, or fewer if `ulimit -n` is lower' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l listen-backlog -d 'Connections the kernel may queue before they are accepted (capped by net.core.somaxconn)' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l max-orders -d 'Keep at most this many orders, forgetting the oldest beyond it (0: keep all)' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l endpoint -d 'Where to send requests: `live` (GlobalSign production, orders are billed), `test` (GlobalSign\'s test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or `endpoint` in the config file' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l timeout -d 'Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s)' -r
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l config -d 'Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading` (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by other users' -r -F
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l admin -d 'Serve the admin API under /sandbox/admin/ (vetting, issue, revocation, faults). Unauthenticated: keep the sandbox on loopback'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l refuse-ps2 -d 'Refuse new PS2 orders, as GlobalSign does since API 2.4.5'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l allow-plain-http -d 'Allow a plain `http://` endpoint on a host other than loopback. The password then travels unencrypted: only for a sandbox on a trusted network'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l password-stdin -d 'Read the API password from the first line of standard input'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l strict-reading -d 'Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading it and listing the differences. Also `strict_reading = true` in the config file'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -l json -d 'Machine-readable output: one JSON object per line on stdout; errors as one JSON object on stderr'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -s v -l verbose -d 'Log what happens to stderr (-v: each call and where an answer differed from our WSDL, -vv: details). Secrets never appear'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gas -n "__fish_gas_using_subcommand sandbox" -s V -l version -d 'Print version'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "order" -d 'Place an order (OrderOS, OrderOSEV, OrderPS1, OrderPS2, OrderPS2Dept, OrderPS2Pro, OrderAATL, OrderQC) from a TOML or JSON file, or print a template for one'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "reissue" -d 'Reissue the certificate of an order (ReIssue): a new order with a new key'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "cancel" -d 'Cancel an order (ModifyOrder CANCEL)'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "revoke" -d 'Revoke the certificate of an order (ModifyOrder REVOKE)'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "resend-email" -d 'Send an order\'s e-mail again (ResendEmail)'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "get" -d 'Show one order (GetOrderByOrderID)'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "modified" -d 'List the orders modified between two moments (GetModifiedOrders)'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "orders" -d 'List orders by product, status, dates, common name, OrderID or SubID (GetOrders)'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "certificate" -d 'Write an order\'s issued certificate and its CA chain as PEM files'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "man" -d 'Print the manual page (roff), or write one per command into a directory'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "probe" -d 'Compare the service with our WSDL, read-only: its `?wsdl` in API terms, then GetOrders, GetOrderByOrderID and GetModifiedOrders over a recent window, listing every deviation. Never orders, modifies or resends'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "sandbox" -d 'Run the local sandbox server (a GasOrderService that follows the spec)'
complete -c gas -n "__fish_gas_using_subcommand help; and not __fish_seen_subcommand_from order reissue cancel revoke resend-email get modified orders certificate completions man probe sandbox help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "os" -d 'Code signing (OrderOS)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "osev" -d 'EV code signing (OrderOSEV)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "ps1" -d 'PersonalSign 1 (OrderPS1)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "ps2" -d 'PersonalSign 2 (OrderPS2)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "ps2dept" -d 'PersonalSign 2 Department (OrderPS2Dept)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "ps2pro" -d 'PersonalSign 2 Pro (OrderPS2Pro)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "aatl" -d 'PDF signing, AATL (OrderAATL)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "qc" -d 'Qualified certificate for signature or seal (OrderQC)'
complete -c gas -n "__fish_gas_using_subcommand help; and __fish_seen_subcommand_from order" -f -a "template" -d 'Print a commented TOML template with every field of an order: length, allowed values and description from the spec'
