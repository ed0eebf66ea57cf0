#!/usr/bin/env bash
# Builds llama.cpp's llama-server (OpenAI-compatible /v1/chat/completions and Anthropic-style /v1/messages) for
# tests/Baton.Providers.Server.Tests, from the llama.cpp source that npm's node-llama-cpp@3.22.1 ships as a git
# bundle: no network beyond the npm registry and Debian packages. About 10 minutes on 2 cores.
#
#   tools/build-llama-server.sh [OUT_DIR]     # default OUT_DIR: $HOME/.cache/baton-llama-server
#
# Prints the binary's path on its last line. Does nothing when the binary already exists, so CI can keep the folder
# between runs. Run the server with -t 1 on a 2-core machine shared with a build.
set -euo pipefail
OUT=${1:-${HOME}/.cache/baton-llama-server}
BIN=$OUT/llama.cpp/build/bin/llama-server
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
mkdir -p "$OUT"
if ! command -v cmake >/dev/null || ! command -v g++ >/dev/null || ! command -v git >/dev/null || ! command -v npm >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake g++ git npm >/dev/null
fi
cd "$OUT"
[ -f node-llama-cpp-3.22.1.tgz ] || npm pack node-llama-cpp@3.22.1 >/dev/null 2>&1
mkdir -p nlc && tar -xzf node-llama-cpp-3.22.1.tgz -C nlc
[ -d llama.cpp ] || git -c advice.detachedHead=false clone -q nlc/package/llama/gitRelease.bundle llama.cpp
# GGML_NATIVE=OFF keeps the binary portable across CPUs of the same kind; no curl/OpenSSL: it only serves loopback.
cmake -S llama.cpp -B llama.cpp/build -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
  -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF > cmake-config.log 2>&1
cmake --build llama.cpp/build --target llama-server -j"$(nproc)" > build.log 2>&1 || { tail -n 40 build.log; exit 1; }
echo "$BIN"
