#!/usr/bin/env bash
# The CI recipe of docs/ci.md, as a script that runs anywhere (and is tested without GitHub).
#
#   bin/ci-plan.sh run              check the model (SARIF) and plan it against the baseline;
#                                   writes $MODELC_OUT/modelc.sarif, plan.md, plan.json, plan.sql,
#                                   summary.md and comment.md (the pull-request comment)
#   bin/ci-plan.sh comment PR       post comment.md on pull request PR, or update the comment
#                                   this script posted before (one comment per pull request);
#                                   needs the GitHub CLI 'gh' with GH_TOKEN, and GITHUB_REPOSITORY
#
# Settings (environment):
#   MODELC           how to run modelc (default: bin/modelc of this checkout, else 'modelc')
#   MODELC_MODEL     the model folder or file (default: src/main/modelc)
#   MODELC_BASELINE  what to plan against (default: git:origin/main)
#   MODELC_OUT       where the outputs go (default: target/modelc)
#   MODELC_PLAN_LINK where the comment says the full plan is (default: plan.md; in CI the run's artifacts)
#   MODELC_DOCS_URL  where your team publishes modelc's documentation (the folder holding
#                    diagnostics.md); the SARIF rules link to their section there (default: no links)
#   MODELC_USAGE     a usage history (modelc usage record): the plan runs with --usage, so every
#                    drop shows its evidence in plan.md and in the comment (default: none)
#
# Exit status of 'run': 0 when the model checks clean and a plan (or no change) was made, 1 when
# check or plan found errors (the SARIF and the comment are written all the same).
set -uo pipefail

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
model=${MODELC_MODEL:-src/main/modelc}
baseline=${MODELC_BASELINE:-git:origin/main}
out=${MODELC_OUT:-target/modelc}
link=${MODELC_PLAN_LINK:-plan.md}
docs=${MODELC_DOCS_URL:-}
usage=${MODELC_USAGE:-}
marker='<!-- modelc-plan-comment -->'

modelc() {
  if [ -n "${MODELC:-}" ]; then
    # shellcheck disable=SC2086 # MODELC is a command line, such as "java -jar modelc.jar"
    $MODELC "$@"
  elif [ -x "$here/modelc" ] && [ -f "$here/../model-compiler/pom.xml" ]; then
    "$here/modelc" "$@"
  else
    command modelc "$@"
  fi
}

run() {
  mkdir -p "$out"
  local status=0 check plan
  if [ -n "$docs" ]; then
    modelc check --format sarif --docs-url "$docs" "$model" > "$out/modelc.sarif"
  else
    modelc check --format sarif "$model" > "$out/modelc.sarif"
  fi
  check=$?
  if [ "$check" -ne 0 ] && [ "$check" -ne 1 ]; then
    echo "ci-plan: modelc check failed to run (exit $check)" >&2
    return 1
  fi
  modelc check "$model" > "$out/check.txt" 2>&1
  local evidence=()
  [ -z "$usage" ] || evidence=(--usage "$usage")
  modelc plan --from "$baseline" --to "$model" --out "$out" --format all --plan-link "$link" \
    ${evidence[@]+"${evidence[@]}"} 2> "$out/plan.log"
  plan=$?
  {
    echo "$marker"
    case "$plan" in
      3) cat "$out/summary.md" ;;
      0) printf '# Migration plan\n\nNo changes to the model since `%s`: nothing to migrate.\n' "$baseline" ;;
      *) printf '# Migration plan\n\nNo plan: modelc found errors. The first of them:\n\n```\n'
         grep -E 'error\[MC[0-9]+\]' "$out/plan.log" | head -n 20
         printf '```\n' ;;
    esac
    if [ "$check" -eq 1 ]; then
      printf '\nmodelc check reports errors: see the code scanning annotations on the changed files.\n'
    fi
  } > "$out/comment.md"
  [ "$check" -eq 0 ] || status=1
  case "$plan" in
    0 | 3) ;;
    *) status=1 ;;
  esac
  echo "ci-plan: check exit $check, plan exit $plan; outputs in $out" >&2
  return "$status"
}

comment() {
  local pr=${1:?usage: bin/ci-plan.sh comment PULL_REQUEST_NUMBER}
  local repo=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY (owner/name) is not set}
  local body="$out/comment.md"
  [ -f "$body" ] || { echo "ci-plan: $body does not exist: run 'bin/ci-plan.sh run' first" >&2; return 1; }
  local existing
  existing=$(gh api --paginate "repos/$repo/issues/$pr/comments" \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1) || return 1
  if [ -n "$existing" ]; then
    gh api --method PATCH "repos/$repo/issues/comments/$existing" -F "body=@$body" > /dev/null || return 1
    echo "ci-plan: updated comment $existing on pull request $pr" >&2
  else
    gh api --method POST "repos/$repo/issues/$pr/comments" -F "body=@$body" > /dev/null || return 1
    echo "ci-plan: posted the plan comment on pull request $pr" >&2
  fi
}

case "${1:-}" in
  run) run ;;
  comment) shift; comment "$@" ;;
  *) sed -n '2,21p' "$0" >&2; exit 2 ;;
esac
