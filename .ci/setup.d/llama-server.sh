# llama.cpp's llama-server for tests/Baton.Providers.Server.Tests (the samples against a real server). Sourced by
# .ci/run; builds only when $HOME/.cache/baton-llama-server holds no binary yet (about 10 minutes on 2 cores).
llama_server_bin=$(bash tools/build-llama-server.sh | tail -n 1) || return 1
echo "llama-server: ${llama_server_bin}"
