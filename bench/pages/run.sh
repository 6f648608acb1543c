#!/usr/bin/env bash
# Web page sizes and times on a big store, two builds side by side in one run (interleaved requests, so machine load hits both alike):
# the home page, the stories list, the people page and the largest story's page, each viewed three times (the first builds the view).
#
#   bench/pages/run.sh STORE BEFORE_DLL AFTER_DLL [AFTER_STORE]
#
# AFTER_STORE (default STORE) lets the after build serve a store its own analysis wrote (e.g. STORE after `reprocess` by the after build,
# when it stores something the before build does not read).
# Both builds must carry the same analysis stage versions (else a build shows the store's documents as pending analysis); each serves its
# own copy of STORE with STORYLINE_USE_WORKERS=true, so neither analyses anything while it is measured.
set -u
DB=$1 BEFORE=$2 AFTER=$3 AFTER_DB=${4:-$1}
story=$(sqlite3 -readonly "$DB" "select story_id from story_documents group by story_id order by count(*) desc limit 1")
docs=$(sqlite3 -readonly "$DB" "select count(*) from story_documents where story_id=$story")
echo "largest story $story with $docs documents"
W=$(mktemp -d)
cp "$DB" "$W/before.db"; cp "$AFTER_DB" "$W/after.db"
start() { STORYLINE_USE_WORKERS=true STORYLINE_API_KEY=k dotnet "$1" serve --urls "http://127.0.0.1:$2" --store "$3" > "$W/serve-$2.log" 2>&1 & echo $!; }
p1=$(start "$BEFORE" 5101 "$W/before.db"); p2=$(start "$AFTER" 5102 "$W/after.db")
trap 'kill $p1 $p2 2>/dev/null; rm -rf "$W"' EXIT
for port in 5101 5102; do for i in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 1; done; done
echo "path view build seconds bytes"
for path in "/" "/stories" "/people" "/stories/$story"; do
  for view in first second third; do
    for port in 5101 5102; do
      echo "$path $view $([ "$port" = 5101 ] && echo before || echo after) $(curl -s -o /dev/null -w "%{time_total} %{size_download}" "http://127.0.0.1:$port$path")"
    done
  done
done
