# usage: rungs.sh BOUNDS  -> per mutant verdict,len,states
B="$1"
while read m p; do
  out=$(timeout 300 node bin/roamcheck.js check --exhaustive --depth 40 --max-states 2000000 --shortest-budget 0 --set registration=timestamped --mutant $m -p $p --bounds "losses=0,garps=0,reboots=0,spoofs=0,duplicates=0,$B" --workers 1 --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);const p=j.properties[0];console.log(p.verdict,p.counterexample?.length??"-",p.distinctStates,p.elapsedMs+"ms")})')
  echo "$m $p: $out"
done <<'L'
no-smr eventual-reachability
smr-ignored eventual-reachability
smr-request-to-source no-blackhole-after-smr
no-notify-previous single-authoritative-rloc
refresh-after-move single-authoritative-rloc
merge-rlocs single-authoritative-rloc
any-nonce no-blackhole-after-smr
no-auth-check registration-authenticated
L
