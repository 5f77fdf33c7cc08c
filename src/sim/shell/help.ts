// `help`: what can be typed where, and what changed since the chapter's (older) outputs.
import type { Command } from './types';
import { ok } from './output';

const HOST = `Kubernetes Services Playground: a shell on the cluster's machines.

  Machines: master (the control plane, where kubectl is configured), the workers
  (worker1, worker2, ...) and client, a computer outside the cluster.
  ssh HOST                 log in to another machine; exit comes back
  ssh HOST COMMAND         run one command there

kubectl (on master)
  get, describe, apply -f FILE|-, create (-f, deployment, namespace, service),
  run, expose, delete, scale, label, annotate, exec, logs, cordon, uncordon,
  drain, cluster-info, version, api-resources
  kubectl exec -it POD -- sh     a shell inside the Pod (exit to leave)

On every machine
  curl URL, wget URL       a request through the cluster's real data path
  nslookup NAME, dig NAME  DNS as this machine sees it (nodes do not use the
                           cluster DNS, so Service names do not resolve there)
  iptables-save [-t nat|filter]     the rules kube-proxy wrote on this node
  iptables -t nat -L [CHAIN] -n [--line-numbers], iptables -t nat -S [CHAIN]
  nft list ruleset|table ip kube-proxy, nft list chain|map ip kube-proxy NAME
                           the tables kube-proxy writes in nftables mode (ip, and
                           ip6: both families always; only kube-proxy's are shown)
  conntrack -L             connections this node translated (DNAT, masquerade)
  netstat -an, ss -tlnp    sockets; ip addr, ip route, ifconfig; hostname
  ping -c N HOST           ICMP: Pods and nodes answer, a ClusterIP never does
  trace SOURCE DEST [-p tcp|udp|sctp] [-n NS] [-o json]
                           one connection hop by hop: SOURCE is client, a node
                           or pod/NAME; DEST is IP:PORT, NAME:PORT or a URL
  sleep SECONDS            let the cluster's clock run
  cat, echo, ls, grep, head, tail, wc, sort, awk, cut; pipes, ;, &&, ||,
  VAR=value, $VAR, $(command), > file, cat > file <<EOF ... EOF
  clear, history, help

What is different from the chapter's (older) output
  kubectl run nginx --image=nginx   creates a Pod, labelled run=nginx
      ("pod/nginx created"). Before 1.18 it created a Deployment and printed
      a generator warning.
  netstat -an | grep <nodePort>     prints nothing: since Kubernetes 1.24
      kube-proxy no longer holds a listening socket for each NodePort. The
      port exists only in iptables rules: iptables -t nat -L KUBE-NODEPORTS -n
  kubectl describe service          hides the last-applied-configuration
      annotation that older kubectl printed under Annotations.
  kubectl get endpoints             works, with a warning: v1 Endpoints is
      deprecated since 1.33 in favour of EndpointSlices (kubectl get endpointslices).
`;

const POD = `You are in a shell inside a Pod's container: the programs are the image's
(busybox has wget and nslookup but no curl; nginx has curl but no nslookup).
Names resolve through the Pod's /etc/resolv.conf (search <ns>.svc.cluster.local
svc.cluster.local cluster.local, ndots:5). env shows the Service variables
kubelet wrote when the container started. exit returns to the machine.
`;

export const help: Command = (ctx) => {
  if (ctx.where.kind === 'pod') return ok(`${POD}\nCommands here: ${ctx.commandNames(ctx).join(', ')}\n`);
  return ok(HOST);
};
