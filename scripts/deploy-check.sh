#!/usr/bin/env bash
# deploy/ checked offline: the Kubernetes manifests against the API's
# schemas (kubernetes-validate, pinned, from PyPI, into target/tools), the
# configuration they ship through `jsbox serve --check`, and the shutdown
# and memory arithmetic between the Dockerfile, the config and the manifests.
# (No container is built: there is no Docker engine on this machine kind.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv="$root/target/tools/venv"
# A venv records its own path: one moved with its target dir does not run.
if ! "$venv/bin/kubernetes-validate" --version >/dev/null 2>&1; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==1.37.0"
fi
"$venv/bin/kubernetes-validate" --strict --quiet -k 1.33.0 deploy/k8s/*.yaml
"$venv/bin/kubernetes-validate" --strict --quiet -k 1.37.0 deploy/k8s/*.yaml
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$venv/bin/python" - "$dir" <<'PY'
import re, sys, yaml
out = sys.argv[1]
docs = {}
for name in ["configmap", "deployment"]:
    docs[name] = yaml.safe_load(open(f"deploy/k8s/{name}.yaml"))
config = docs["configmap"]["data"]["jsbox.toml"]
open(f"{out}/jsbox.toml", "w").write(config)
entry = open("deploy/Dockerfile").read()
seconds = lambda flag: int(re.search(rf'"{flag}", "(\d+)s"', entry).group(1))
spec = docs["deployment"]["spec"]["template"]["spec"]
period = spec["terminationGracePeriodSeconds"]
assert period > seconds("--drain-delay") + seconds("--grace"), \
    f"terminationGracePeriodSeconds {period} must exceed --drain-delay + --grace"
probes = spec["containers"][0]
assert probes["readinessProbe"]["httpGet"]["path"] == "/readyz" and probes["livenessProbe"]["httpGet"]["path"] == "/healthz"
mib = lambda text: int(re.match(r"(\d+)(Mi|Gi)", text).group(1)) * (1024 if text.endswith("Gi") else 1)
slots = int(re.search(r"^slots = (\d+)", config, re.M).group(1))
per_execution = mib(re.search(r'^max_memory = "(\d+)MiB"', config, re.M).group(1) + "Mi") + 10
limit = mib(probes["resources"]["limits"]["memory"])
assert limit >= slots * per_execution + 100, f"memory limit {limit} MiB < {slots} slots x {per_execution} MiB + 100 MiB"
print(f"deploy-check: manifests valid; grace {period}s; memory limit {limit} MiB >= {slots} x {per_execution} + 100 MiB")
PY
ACME_TOKEN=placeholder-for-the-check JSBOX_CACHE_DIR="$root/target/jsbox-test-cache" \
  target/release/jsbox serve --check --config "$dir/jsbox.toml"
