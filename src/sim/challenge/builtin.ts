// The built-in "Fix this Service" challenges, as the files a teacher would write (docs/challenges.md).
// Modelled on the Kubernetes "Debug Services" task (kubernetes.io/docs/tasks/debug/debug-application/
// debug-service/): does the Service exist, does DNS resolve it, does it have endpoints, do the Pods
// listen on targetPort, is kube-proxy's rule there. Each story tells a symptom, never the cause; each
// objective is a behaviour, so any correct fix passes.
import { WEB, SVC, BUSYBOX, NS, docs, type Def, file } from './builtin-parts';

const WGET = 'kubectl exec busybox -- wget -qO- -T 2 http://web';
const twentyToWeb = {
  text: '20 requests from busybox to http://web (by its DNS name) are all delivered, to at least 2 Pods labelled app=web',
  run: WGET,
  times: 20,
  expect: { delivered: 'all', pods: 2, podLabels: 'app=web' },
};

const DEFS: Def[] = [
  {
    name: 'selector-typo',
    title: 'Nobody home',
    level: 1,
    story:
      'The team shipped the new web front end this morning: a Deployment "web" of three nginx Pods, and a Service "web" in front of it. The Pods are Running and Ready, but every request to http://web from inside the cluster is refused.',
    scenario: docs(WEB(), SVC('  selector:\n    app: wbe\n  ports:\n  - port: 80\n    targetPort: 80\n'), BUSYBOX),
    objectives: [twentyToWeb],
    hints: [
      'A Service only forwards to the Pods it has found. Does web have any endpoints?',
      'kubectl get endpointslices -l kubernetes.io/service-name=web: no addresses. How does a Service find its Pods?',
      "Compare the Service's selector (kubectl describe svc web) with the Pods' labels (kubectl get pods --show-labels).",
    ],
    walkthrough: [
      { text: 'Reproduce the symptom from a Pod, the way the Debug Services guide does.', command: WGET },
      {
        text: 'DNS resolves the name, so the Service exists. Does it have endpoints?',
        command: 'kubectl get endpointslices -l kubernetes.io/service-name=web',
      },
      {
        text: 'No endpoints: compare the selector with the labels the Pods carry.',
        command: 'kubectl describe svc web',
      },
      { text: 'The Pods are labelled app=web.', command: 'kubectl get pods -l app=web --show-labels' },
      {
        text: 'The selector says app=wbe. Fix it; the endpoints appear within a moment.',
        command: 'kubectl set selector svc web app=web',
      },
    ],
    solution: ['kubectl set selector svc web app=web'],
  },
  {
    name: 'wrong-target-port',
    title: 'Refused at the door',
    level: 1,
    story:
      'The Service "web" lists three endpoints and kube-proxy has its rules, yet every request to http://web from busybox is refused. The nginx Pods are healthy.',
    scenario: docs(WEB(), SVC('  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n'), BUSYBOX),
    objectives: [twentyToWeb],
    hints: [
      'The Service has endpoints: look at the port numbers in them.',
      'Which port do the Pods listen on? Try one Pod directly by its IP.',
      'targetPort is the port on the Pod the Service forwards to.',
    ],
    walkthrough: [
      {
        text: 'Endpoints exist; note their port.',
        command: 'kubectl get endpointslices -l kubernetes.io/service-name=web',
      },
      {
        text: 'Follow one request in the trace: kube-proxy DNATs it to a Pod on port 8080, and the Pod refuses it.',
        command: 'trace pod/busybox web:80',
      },
      {
        text: 'The container listens on 80.',
        command: "kubectl get pods -l app=web -o jsonpath='{.items[0].spec.containers[0].ports}'",
      },
      {
        text: 'Point targetPort at 80.',
        command:
          'kubectl patch svc web --type json -p \'[{"op":"replace","path":"/spec/ports/0/targetPort","value":80}]\'',
      },
    ],
    solution: [
      'kubectl patch svc web --type json -p \'[{"op":"replace","path":"/spec/ports/0/targetPort","value":80}]\'',
    ],
  },
  {
    name: 'named-port',
    title: 'The port with no name',
    level: 2,
    story:
      'To make port changes easier, someone changed the Service "web" to use a named targetPort. Since then no request to http://web gets an answer, although three web Pods run.',
    scenario: docs(WEB(), SVC('  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: http\n'), BUSYBOX),
    objectives: [twentyToWeb],
    hints: [
      "A named targetPort is looked up in each Pod's container ports, by name.",
      'kubectl get endpointslices shows what the EndpointSlice controller could make of it.',
      "Either name the container port http in the Deployment's template, or give the Service a number.",
    ],
    walkthrough: [
      { text: 'The Service forwards to a port called "http".', command: 'kubectl get svc web -o yaml' },
      {
        text: 'The EndpointSlice has no usable port: no Pod has a port named http.',
        command: 'kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml',
      },
      {
        text: 'The container port has no name.',
        command: "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].ports}'",
      },
      {
        text: 'Name it in the template; the Deployment replaces its Pods with ones that carry the name.',
        command:
          'kubectl patch deployment web --type json -p \'[{"op":"add","path":"/spec/template/spec/containers/0/ports/0/name","value":"http"}]\'',
      },
    ],
    solution: [
      'kubectl patch deployment web --type json -p \'[{"op":"add","path":"/spec/template/spec/containers/0/ports/0/name","value":"http"}]\'',
    ],
  },
  {
    name: 'other-namespace',
    title: 'Works on my namespace',
    level: 2,
    story:
      'The api team moved their Service "api" to the namespace backend. The busybox client in default still calls http://api (the address is baked into its configuration) and now gets "bad address". From inside backend, everything works.',
    scenario: docs(
      NS('backend'),
      WEB('api', 2, 'backend'),
      SVC('  selector:\n    app: api\n  ports:\n  - port: 80\n    targetPort: 80\n', 'api', 'backend'),
      BUSYBOX,
    ),
    objectives: [
      {
        text: '20 requests from busybox (in default) to http://api are all delivered to Pods labelled app=api',
        run: 'kubectl exec busybox -- wget -qO- -T 2 http://api',
        times: 20,
        expect: { delivered: 'all', podLabels: 'app=api' },
      },
    ],
    hints: [
      'Look up the name from busybox: what does the resolver try?',
      'cat /etc/resolv.conf in busybox: the search path starts with default.svc.cluster.local.',
      'The client cannot change the name it calls. Can the default namespace have a name that points to the Service in backend?',
    ],
    walkthrough: [
      { text: 'The name does not resolve from default.', command: 'kubectl exec busybox -- nslookup api' },
      {
        text: "The search path only completes names into the Pod's own namespace.",
        command: 'kubectl exec busybox -- cat /etc/resolv.conf',
      },
      { text: 'The full name works.', command: 'kubectl exec busybox -- nslookup api.backend' },
      {
        text: 'An ExternalName Service in default makes api an alias (a CNAME) for the one in backend.',
        command: 'kubectl create service externalname api --external-name=api.backend.svc.cluster.local',
      },
    ],
    solution: ['kubectl create service externalname api --external-name=api.backend.svc.cluster.local'],
  },
  {
    name: 'externalname-typo',
    title: 'The database moved',
    level: 1,
    story:
      "The database now lives at db.example.net, outside the cluster. Applications reach it through the Service my-database, an ExternalName. After yesterday's change, the applications cannot even resolve my-database.",
    scenario: docs(SVC('  type: ExternalName\n  externalName: db.example.nte\n', 'my-database'), BUSYBOX),
    objectives: [
      {
        text: 'busybox resolves my-database to an address',
        run: 'kubectl exec busybox -- nslookup my-database',
        expect: { exitCode: 0, output: '^Address 1: 192\\.0\\.2\\.' },
      },
      {
        text: 'cluster DNS answers my-database with the database host, db.example.net',
        run: 'dig @10.96.0.10 my-database.default.svc.cluster.local +short',
        expect: { output: '^db\\.example\\.net\\.$' },
      },
    ],
    hints: [
      'An ExternalName Service is only a CNAME: cluster DNS answers with the name it holds.',
      'dig on master shows the CNAME cluster DNS returns.',
    ],
    walkthrough: [
      { text: 'busybox cannot resolve the name.', command: 'kubectl exec busybox -- nslookup my-database' },
      {
        text: 'The CNAME points at a host that does not exist.',
        command: 'dig @10.96.0.10 my-database.default.svc.cluster.local',
      },
      { text: 'Look at the Service.', command: 'kubectl get svc my-database' },
      {
        text: 'Fix the host name.',
        command: 'kubectl patch svc my-database -p \'{"spec":{"externalName":"db.example.net"}}\'',
      },
    ],
    solution: ['kubectl patch svc my-database -p \'{"spec":{"externalName":"db.example.net"}}\''],
  },
  {
    name: 'local-traffic-policy',
    title: 'Half the customers',
    level: 3,
    story:
      "The company's external load balancer spreads customers over NodePort 30081 on worker1 and worker2 (frontend-local). About half of the requests get no answer. The audit log needs each customer's real address, so the Pods must see the client's own IP.",
    scenario: 'traffic-policy',
    objectives: [
      {
        text: "10 requests from the client to worker1:30081 are all delivered, and the Pod sees the client's address",
        run: 'ssh client curl -s -m 2 http://10.40.41.11:30081',
        times: 10,
        expect: { delivered: 'all', sourceSeen: 'client' },
      },
      {
        text: "10 requests from the client to worker2:30081 are all delivered, and the Pod sees the client's address",
        run: 'ssh client curl -s -m 2 http://10.40.41.12:30081',
        times: 10,
        expect: { delivered: 'all', sourceSeen: 'client' },
      },
    ],
    hints: [
      'Which node runs the frontend Pod? Which node drops the request?',
      "externalTrafficPolicy: Local keeps the client's address, but a node only sends outside traffic to its own Pods.",
      "Switching to Cluster would answer everyone but hide the client's address. What else gives each worker a Pod?",
    ],
    walkthrough: [
      { text: 'One frontend Pod, on one worker.', command: 'kubectl get pods -o wide' },
      {
        text: 'The policy is Local.',
        command: "kubectl get svc frontend-local -o jsonpath='{.spec.externalTrafficPolicy}'",
      },
      {
        text: 'On the other worker, kube-proxy drops it: "has no local endpoints".',
        command: 'ssh worker2 iptables-save -t nat | grep "frontend-local"',
      },
      { text: 'Give every worker a Pod of its own.', command: 'kubectl scale deployment frontend --replicas=2' },
    ],
    solution: ['kubectl scale deployment frontend --replicas=2'],
  },
  {
    name: 'sticky',
    title: 'Load balancing is broken',
    level: 1,
    story:
      'The load test runs from busybox against http://web. The dashboard shows one web Pod at 100% and the other two idle. "Kubernetes load balancing does not work", says the ticket.',
    scenario: docs(
      WEB(),
      SVC('  selector:\n    app: web\n  sessionAffinity: ClientIP\n  ports:\n  - port: 80\n    targetPort: 80\n'),
      BUSYBOX,
    ),
    objectives: [
      {
        text: '20 requests from busybox to http://web are all delivered and spread over all 3 web Pods',
        run: WGET,
        times: 20,
        expect: { delivered: 'all', pods: 3, podLabels: 'app=web' },
      },
    ],
    hints: [
      'All requests come from one client address. What could tie an address to a Pod?',
      'Look for "-m recent" in the Service\'s KUBE-SVC chain (iptables-save -t nat).',
    ],
    walkthrough: [
      {
        text: 'Three endpoints: the Service sees every Pod.',
        command: 'kubectl get endpointslices -l kubernetes.io/service-name=web',
      },
      {
        text: 'kube-proxy remembers each client address for three hours.',
        command: 'iptables-save -t nat | grep -- "-m recent"',
      },
      { text: 'The Service asks for it: sessionAffinity ClientIP.', command: 'kubectl describe svc web' },
      { text: 'Turn it off.', command: 'kubectl patch svc web -p \'{"spec":{"sessionAffinity":"None"}}\'' },
    ],
    solution: ['kubectl patch svc web -p \'{"spec":{"sessionAffinity":"None"}}\''],
  },
  {
    name: 'udp-port',
    title: 'Silence on port 80',
    level: 2,
    story:
      'A Service "web" was written by hand for the nginx Deployment. Requests to http://web hang until they time out; the Pods answer when called by their own IP.',
    scenario: docs(
      WEB(),
      SVC('  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 80\n    protocol: UDP\n'),
      BUSYBOX,
    ),
    objectives: [twentyToWeb],
    hints: [
      'kubectl get svc web: read the PORT(S) column to the end.',
      'kube-proxy writes rules for the protocol the Service names, and HTTP is TCP.',
    ],
    walkthrough: [
      { text: 'The request times out.', command: WGET },
      { text: 'The Service forwards UDP.', command: 'kubectl get svc web' },
      { text: "kube-proxy's rule matches -p udp only.", command: 'iptables-save -t nat | grep "default/web"' },
      {
        text: 'Make the port TCP.',
        command:
          'kubectl patch svc web --type json -p \'[{"op":"replace","path":"/spec/ports/0/protocol","value":"TCP"}]\'',
      },
    ],
    solution: [
      'kubectl patch svc web --type json -p \'[{"op":"replace","path":"/spec/ports/0/protocol","value":"TCP"}]\'',
    ],
  },
  {
    name: 'env-before-service',
    title: 'Where is the database?',
    level: 2,
    story:
      'The shop Pods find their Redis database through the variable DB_SERVICE_HOST, as the old tutorial said. The Service "db" was created this morning, after the shop had started; the shop logs "DB_SERVICE_HOST not set".',
    scenario: docs(
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
    app: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: shop
        image: busybox:1.28
        command: ["sleep", "86400"]
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: db
  labels:
    app: db
spec:
  containers:
  - name: redis
    image: redis:8.2
`,
    ),
    setup: ['kubectl create service clusterip db --tcp=6379:6379'],
    objectives: [
      {
        text: 'a shop Pod has DB_SERVICE_HOST set to an address',
        run: 'kubectl exec deploy/shop -- printenv DB_SERVICE_HOST',
        expect: { exitCode: 0, output: '^10\\.\\d+\\.\\d+\\.\\d+$' },
      },
    ],
    hints: [
      "kubelet writes a Pod's Service variables when its container starts, and never again.",
      'Which Services existed when the shop Pods started?',
    ],
    walkthrough: [
      { text: 'The variable is missing.', command: 'kubectl exec deploy/shop -- env' },
      { text: 'The Service is younger than the Pods: compare the ages.', command: 'kubectl get pods,svc' },
      {
        text: 'New Pods get the variables. Delete the old ones; the Deployment replaces them.',
        command: 'kubectl delete pod -l app=shop',
      },
      { text: 'For the future: use the DNS name db, which works whenever the Pod started.' },
    ],
    solution: ['kubectl delete pod -l app=shop'],
  },
  {
    name: 'scaled-to-zero',
    title: 'After the maintenance window',
    level: 1,
    story:
      "Last night's maintenance is over, the nodes are back, but http://web from busybox is refused. Nobody touched the Service.",
    scenario: docs(
      WEB('web', 0),
      SVC('  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 80\n'),
      BUSYBOX,
    ),
    objectives: [twentyToWeb],
    hints: ['Does the Service have endpoints?', 'Are there any Pods for it to select?'],
    walkthrough: [
      { text: 'No endpoints.', command: 'kubectl get endpointslices -l kubernetes.io/service-name=web' },
      { text: 'No Pods: the Deployment asks for none.', command: 'kubectl get deployment web' },
      { text: 'Scale it back.', command: 'kubectl scale deployment web --replicas=3' },
    ],
    solution: ['kubectl scale deployment web --replicas=3'],
  },
  {
    name: 'external-ip-route',
    title: 'Gone since the network change',
    level: 2,
    story:
      "Customers reach the frontend at 172.16.0.100 (an external IP of frontend-svc). Since last night's network change, the client gets no answer there. The cluster looks exactly as before.",
    scenario: 'externalip',
    setup: ['ssh client ip route del 172.16.0.100'],
    objectives: [
      {
        text: '10 requests from the client to http://172.16.0.100 are all delivered to frontend Pods',
        run: 'ssh client curl -s -m 2 http://172.16.0.100',
        times: 10,
        expect: { delivered: 'all', podLabels: 'app=frontend' },
      },
    ],
    hints: [
      "Every node has kube-proxy's rule for 172.16.0.100. Does any packet for it reach a node?",
      "Kubernetes does not route external IPs: the network's administrator does. Look at the client's routes.",
    ],
    walkthrough: [
      { text: 'The rules are there.', command: 'iptables-save -t nat | grep "external IP"' },
      { text: 'The client has no route for the address.', command: 'ssh client ip route' },
      {
        text: 'Route it to a node (any: all have the rules).',
        command: 'ssh client ip route add 172.16.0.100 via 10.40.41.11 dev eth0 onlink',
      },
    ],
    solution: ['ssh client ip route add 172.16.0.100 via 10.40.41.11 dev eth0 onlink'],
  },
  {
    name: 'pods-in-another-namespace',
    title: 'An empty shop',
    level: 2,
    story:
      'The Service "web" was created in the namespace shop, where the team keeps its Services. Requests to http://web.shop are refused. The web Pods run fine.',
    scenario: docs(
      NS('shop'),
      WEB(),
      SVC('  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 80\n', 'web', 'shop'),
      BUSYBOX,
    ),
    objectives: [
      {
        text: '20 requests from busybox to http://web.shop are all delivered, to at least 2 Pods labelled app=web',
        run: 'kubectl exec busybox -- wget -qO- -T 2 http://web.shop',
        times: 20,
        expect: { delivered: 'all', pods: 2, podLabels: 'app=web' },
      },
    ],
    hints: [
      'The Service exists and resolves. Does it have endpoints?',
      'A Service selects Pods in its own namespace only. Where are the Pods?',
    ],
    walkthrough: [
      { text: 'No endpoints.', command: 'kubectl get endpointslices -n shop' },
      { text: 'The Pods are in default.', command: 'kubectl get pods -A -l app=web' },
      {
        text: 'Run the web Pods where their Service is.',
        command: 'kubectl create deployment web --image=nginx:1.29 --replicas=3 -n shop',
      },
    ],
    solution: ['kubectl create deployment web --image=nginx:1.29 --replicas=3 -n shop'],
  },
  {
    name: 'service-port',
    title: 'Wrong door number',
    level: 1,
    story:
      "The web Service was copied from a Java app's. Clients call http://web (port 80) and get nothing back; the web Pods answer when called by their own IP on port 80.",
    scenario: docs(WEB(), SVC('  selector:\n    app: web\n  ports:\n  - port: 8080\n    targetPort: 80\n'), BUSYBOX),
    objectives: [twentyToWeb],
    hints: [
      'Which port does the Service listen on, and which does it forward to?',
      'port is what clients connect to; targetPort is where the Pod listens.',
    ],
    walkthrough: [
      { text: 'The Service listens on 8080.', command: 'kubectl get svc web' },
      {
        text: 'kube-proxy catches the ClusterIP on port 8080 only.',
        command: 'iptables-save -t nat | grep "default/web cluster IP"',
      },
      {
        text: 'Make it listen on 80.',
        command: 'kubectl patch svc web --type json -p \'[{"op":"replace","path":"/spec/ports/0/port","value":80}]\'',
      },
    ],
    solution: ['kubectl patch svc web --type json -p \'[{"op":"replace","path":"/spec/ports/0/port","value":80}]\''],
  },
  {
    name: 'readiness-probe',
    title: 'Running, but never Ready',
    level: 2,
    story:
      'Operations asked for a readiness probe on the web Deployment, "so a Pod only gets traffic once nginx answers". Since the change went out, every web Pod is Running, yet http://web from busybox is refused.',
    scenario: docs(
      WEB(
        'web',
        3,
        undefined,
        '        ports:\n        - containerPort: 80\n        readinessProbe:\n          httpGet:\n            path: /healthz\n            port: 80\n          periodSeconds: 2\n',
      ),
      SVC('  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 80\n'),
      BUSYBOX,
    ),
    objectives: [twentyToWeb],
    hints: [
      'Running is not Ready. What does the READY column of kubectl get pods say?',
      'The Service has endpoints, but none of them is ready: kube-proxy only sends traffic to ready ones.',
      "Why does the kubelet think the Pods are not ready? Read a Pod's events. Which paths does this nginx answer?",
    ],
    walkthrough: [
      { text: 'The Pods run, but none is Ready.', command: 'kubectl get pods -l app=web' },
      {
        text: 'The Service lists them, all not ready, so kube-proxy rejects the connection.',
        command:
          "kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath='{.items[*].endpoints[*].conditions.ready}'",
      },
      {
        text: 'The kubelet says why: the probe asks nginx for /healthz, which this nginx does not have.',
        command: 'kubectl describe pods -l app=web | grep Readiness',
      },
      {
        text: 'Probe a path nginx serves. The Deployment rolls out new Pods, which become Ready.',
        command:
          'kubectl patch deployment web --type json -p \'[{"op":"replace","path":"/spec/template/spec/containers/0/readinessProbe/httpGet/path","value":"/"}]\'',
      },
      { text: 'Watch the rollout finish.', command: 'kubectl rollout status deployment/web' },
    ],
    solution: [
      'kubectl patch deployment web --type json -p \'[{"op":"replace","path":"/spec/template/spec/containers/0/readinessProbe/httpGet/path","value":"/"}]\'',
    ],
  },
];

export interface BuiltinChallenge {
  name: string;
  title: string;
  level: number;
  /** the challenge file */
  yaml: string;
}

export const BUILTIN_CHALLENGES: readonly BuiltinChallenge[] = DEFS.map((d) => ({
  name: d.name,
  title: d.title,
  level: d.level,
  yaml: file(d),
}));
