#!/usr/bin/env bash
# Records each library's public API in its PublicAPI.Unshipped.txt with the analyzer's own code fix (RS0016).
#
#   tools/update-public-api.sh                  every library under src/
#   tools/update-public-api.sh src/Baton.Specs  only the libraries named
#   tools/update-public-api.sh --reset ...      rewrite Unshipped from scratch: also drops entries whose symbol is
#                                               gone (RS0017 has no code fix). Only while PublicAPI.Shipped.txt is
#                                               empty, i.e. before the first release.
#
# Review the diff of PublicAPI.*.txt like any API change before committing it. See CONTRIBUTING.md, "Public API".
set -euo pipefail
cd "$(dirname "$0")/.."

reset=0
if [[ "${1:-}" == "--reset" ]]; then
  reset=1
  shift
fi

dirs=("$@")
if [[ ${#dirs[@]} -eq 0 ]]; then
  mapfile -t dirs < <(dirname src/*/PublicAPI.Unshipped.txt)
fi

for dir in "${dirs[@]}"; do
  dir="${dir%/}"
  project="$dir/$(basename "$dir").csproj"
  if [[ ! -f "$dir/PublicAPI.Unshipped.txt" || ! -f "$project" ]]; then
    echo "skip $dir: no PublicAPI.Unshipped.txt or $(basename "$project")" >&2
    continue
  fi

  if [[ $reset -eq 1 ]]; then
    if grep -qv '^#nullable enable$' "$dir/PublicAPI.Shipped.txt"; then
      echo "refusing --reset for $dir: PublicAPI.Shipped.txt lists shipped APIs; remove gone entries by hand" >&2
      exit 1
    fi
    printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  fi

  echo "== $project"
  # One project at a time, so each library's fix-all is scoped to its own files.
  dotnet format analyzers "$project" --diagnostics RS0016 --severity warn
done
