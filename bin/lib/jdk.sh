# Sourced by bin/vtsne and bin/test: finds a JDK >= 25 and exports JAVA_HOME to it.
# Order: $JAVA_HOME, the java on PATH, then the usual install folders.

vtsne_java_major() {  # prints the feature version of the given java binary, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

vtsne_find_jdk() {
  local candidates=() c java major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if java="$(command -v java 2>/dev/null)"; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$java")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major="$(vtsne_java_major "$c/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  cat >&2 <<'MSG'
vtsne: no JDK 25 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks).
vtsne: install one, e.g. 'apt-get install temurin-25-jdk' (Adoptium repository) or from https://adoptium.net,
vtsne: then set JAVA_HOME to it.
MSG
  return 1
}
