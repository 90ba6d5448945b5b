#!/usr/bin/env bash
# runtime-root.sh ROOT ROCKSDB_JAR: the file system under the container image's application layers, in ROOT
# (`mvn -Pimage package` runs it; jib then lays the programs on it, from scratch, so that no registry is needed).
# What a distroless Java image holds, from this build machine:
#   - a Java runtime made with jlink from the build's JDK, with only the modules the programs use, in /opt/java;
#   - the shared libraries that it and RocksDB's JNI library load, from this Debian system's packages (glibc,
#     libstdc++, zlib), at the paths the dynamic loader looks for them;
#   - a non-root user, nonroot (65532), a writable /tmp, and the name-service files that Kubernetes otherwise mounts.
set -euo pipefail
root="$1"
rocksdb_jar="$2"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
# jdeps over the programs, less java.desktop (charts: the demos and compare --results, which run outside the image).
modules=java.base,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.scripting
modules=$modules,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management
modules=$modules,jdk.naming.dns,jdk.unsupported,jdk.zipfs

rm -rf "$root"
mkdir -p "$root/etc" "$root/tmp" "$root/home/nonroot"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$root/opt/java"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
unzip -q -o "$rocksdb_jar" 'librocksdbjni-linux64.so' -d "$scratch"

# Every system library that the runtime's programs and libraries, and RocksDB's, load, and the loader itself.
find "$root/opt/java" "$scratch" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' \
  | grep -v -e "^$root/" -e "^$scratch/" \
  | sort -u \
  | while read -r library; do
      mkdir -p "$root$(dirname "$library")"
      cp -L "$library" "$root$library"
    done

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
echo "runtime root in $root: $(du -sh "$root" | cut -f1), modules $modules"
