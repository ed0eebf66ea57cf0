# Installs Debian's chromium for the HTML trace test (Baton.Cli.Tests drives it through Playwright).
# Sourced by .ci/run; installs only when /usr/bin/chromium is missing.
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package) for the HTML trace test"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
