# Sourced by the scripts next to it (from the repository root): sets JAVA to the java of a JDK 25 and exports
# JAVA_HOME to match, for ./mvnw. Coffer is built for Java 25; the default `java` on our machines is 17, which
# refuses the jar (UnsupportedClassVersionError). Takes $JAVA_HOME when it is a JDK 25 or newer, else Temurin 25.
jdk25_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! jdk25_ok "$JAVA_HOME"; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  jdk25_ok "$JAVA_HOME" || { echo "no JDK 25 found: set JAVA_HOME to one (e.g. $JAVA_HOME)" >&2; exit 1; }
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
