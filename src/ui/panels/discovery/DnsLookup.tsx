// A DNS lookup from inside a Pod, step by step: the stub resolver tries each search domain (ndots:5),
// CoreDNS answers NXDOMAIN or the record (an A record, or a CNAME for an ExternalName Service).
import { useState, type FormEvent } from 'react';
import { podResolv, resolve, type Resolution } from '../../../sim';
import { useStore } from '../../../store';
import { tSec } from '../format';

interface Lookup {
  name: string;
  at: number;
  res: Resolution;
}

/** Names worth trying from this Pod: a short name, a cross-namespace name, an ExternalName. */
function suggestions(pkey: string): string[] {
  const s = useStore.getState().cluster;
  const ns = pkey.split('/')[0];
  const svcs = Object.values(s.objects.services);
  const out: string[] = [];
  const local = svcs.find((x) => x.metadata.namespace === ns && x.metadata.name !== 'kubernetes');
  if (local) out.push(local.metadata.name);
  const other =
    svcs.find((x) => x.metadata.namespace !== ns && x.metadata.namespace !== 'kube-system') ??
    svcs.find((x) => x.metadata.namespace !== ns);
  if (other) out.push(`${other.metadata.name}.${other.metadata.namespace}`);
  const ext = svcs.find((x) => x.spec.type === 'ExternalName');
  if (ext)
    out.push(ext.metadata.namespace === ns ? ext.metadata.name : `${ext.metadata.name}.${ext.metadata.namespace}`);
  out.push('example.com');
  return [...new Set(out)];
}

function Result({ l }: { l: Lookup }) {
  const { res } = l;
  return (
    <div className="dns-result" data-testid="dns-result" aria-live="polite">
      <p className="muted small">
        Looked up <strong className="mono">{l.name}</strong> at {tSec(l.at)}:
      </p>
      {res.steps.length === 0 && <p>{l.name} is an IP address: nothing to look up.</p>}
      <ol className="dns-steps">
        {res.steps.map((st, i) => {
          const ok = st.answer.rcode === 'NOERROR' && st.answer.records.length > 0;
          return (
            <li key={i} className={ok ? 'ok' : 'nx'} data-testid="dns-step">
              <span className="mono q">{st.query}</span>
              <span className={`rcode ${ok ? 'ok' : 'nx'}`}>
                {ok ? 'answer' : st.answer.rcode === 'NOERROR' ? 'NOERROR, no records' : 'NXDOMAIN'}
              </span>
              {ok && (
                <ul className="records">
                  {st.answer.records.map((r, j) => (
                    <li key={j} className="mono">
                      {r.name} {r.ttl} IN {r.type} {r.data}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      <p className={`dns-final ${res.addresses.length ? 'ok' : 'nx'}`} data-testid="dns-final">
        {res.addresses.length
          ? `${l.name} → ${res.canonical ? `${res.canonical} (CNAME) → ` : ''}${res.addresses.join(', ')}`
          : res.canonical
            ? `${l.name} → ${res.canonical} (CNAME), which has no address here`
            : `${l.name}: can't resolve (every query answered NXDOMAIN)`}
      </p>
    </div>
  );
}

export function DnsLookup({ pkey }: { pkey: string }) {
  const [name, setName] = useState('');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const run = (n: string) => {
    const q = n.trim();
    if (!q) return;
    const s = useStore.getState().cluster;
    const pod = s.objects.pods[pkey];
    if (!pod) return;
    setName(q);
    setLookup({ name: q, at: s.now, res: resolve(s, q, podResolv(s, pod)) });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    run(name);
  };
  return (
    <section aria-labelledby="disc-dns">
      <h3 id="disc-dns">DNS lookup</h3>
      <form className="dns-form" onSubmit={onSubmit}>
        <input
          type="text"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="Name to resolve"
          placeholder="db-svc, redis-master.my-ns …"
          spellCheck={false}
          autoCapitalize="off"
          data-testid="dns-name"
        />
        <button type="submit" className="btn primary">
          Resolve
        </button>
      </form>
      <p className="dns-try">
        Try:{' '}
        {suggestions(pkey).map((n) => (
          <button key={n} type="button" className="chip-btn mono" onClick={() => run(n)}>
            {n}
          </button>
        ))}
      </p>
      {lookup && <Result l={lookup} />}
    </section>
  );
}
