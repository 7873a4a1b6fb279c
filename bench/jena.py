"""Apache Jena's SHACL validator from Debian's `libapache-jena-java`, as a command line.

Debian ships the jars but no `shacl` script, and its jena-core relocates Xerces' classes to
`xerces.*` while leaving their message bundles under `org/apache/jena/ext/xerces/`: the JVM
then dies with `RuntimeException: internal error` in `XSSimpleTypeDecl`. We copy the bundles
to where the classes look for them (a folder put first on the class path).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

JARS = Path("/usr/share/java")
#: Jena modules and the libraries they load, by their unversioned Debian jar names
_LIBS = ("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io",
         "commons-lang3", "dexx.collection", "gson", "jackson-annotations", "jackson-core",
         "jackson-databind", "jsonld-java", "httpclient", "httpcore", "thrift", "protobuf",
         "titanium-json-ld", "jakarta.json-api", "slf4j-api", "slf4j-nop", "jsr305", "guava")
_BUNDLES = "org/apache/jena/ext/xerces/"


def command(work: Path) -> list[str] | None:
    """`java -cp ... shacl.shacl validate` (add --shapes/--data), or None without Jena."""
    java = shutil.which("java")
    core = JARS / "jena-core.jar"
    if java is None or not core.exists():
        return None
    fix = work / "jena-xerces-bundles"
    if not fix.exists():
        with zipfile.ZipFile(core) as jar:
            for name in jar.namelist():
                if name.startswith(_BUNDLES) and not name.endswith("/"):
                    target = fix / "xerces" / name[len(_BUNDLES):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(jar.read(name))
    jars = [p for p in sorted(JARS.glob("jena-*.jar")) if not re.search(r"-[0-9.]+$", p.stem)]
    jars += [JARS / f"{lib}.jar" for lib in _LIBS if (JARS / f"{lib}.jar").exists()]
    classpath = ":".join([str(fix), *map(str, jars)])
    return [java, "-Xmx8g", "-cp", classpath, "shacl.shacl", "validate"]
