// kubectl's help texts, cut down to the commands the playground has.
export const KUBECTL_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  scale           Set a new size for a deployment, replica set, or replication controller

Cluster Management Commands:
  cluster-info    Display cluster information
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  exec            Execute a command in a container

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const usage = (what: string, synopsis: string, examples: string) =>
  `${what}\n\nExamples:\n${examples}\n\nUsage:\n  ${synopsis}\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;

export const VERB_HELP: Record<string, string> = {
  get: usage(
    'Display one or many resources.',
    'kubectl get [(-o|--output=)json|yaml|name|wide|custom-columns=...|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
    '  # List all pods in ps output format\n  kubectl get pods\n\n  # List all pods in ps output format with more information (such as node name)\n  kubectl get pods -o wide\n\n  # List one or more resources by their type and names\n  kubectl get svc,ep',
  ),
  describe: usage(
    'Show details of a specific resource or group of resources.',
    'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
    '  # Describe a service\n  kubectl describe service frontend-svc',
  ),
  apply: usage(
    'Apply a configuration to a resource by file name or stdin.',
    'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
    '  # Apply the configuration in svc.yaml to a service\n  kubectl apply -f ./svc.yaml\n\n  # Apply the YAML passed into stdin\n  cat svc.yaml | kubectl apply -f -',
  ),
  create: usage(
    'Create a resource from a file or from stdin.',
    'kubectl create -f FILENAME [options]',
    '  # Create a deployment\n  kubectl create deployment web --image=nginx --replicas=3\n\n  # Create a namespace\n  kubectl create namespace my-ns',
  ),
  run: usage(
    'Create and run a particular image in a pod.',
    'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
    "  # Start a nginx pod\n  kubectl run nginx --image=nginx\n\n  # Start a busybox pod and keep it in the foreground, don't restart it if it exits\n  kubectl run -i -t busybox --image=busybox --restart=Never",
  ),
  expose: usage(
    'Expose a resource as a new Kubernetes service.',
    'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
    '  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000\n  kubectl expose deployment nginx --port=80 --target-port=8000',
  ),
  delete: usage(
    'Delete resources by file names, stdin, resources and names, or by resources and label selector.',
    'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
    '  # Delete a pod with minimal delay\n  kubectl delete pod foo --now\n\n  # Delete pods and services with label name=myLabel\n  kubectl delete pods,services -l name=myLabel',
  ),
  scale: usage(
    'Set a new size for a deployment, replica set, replication controller, or stateful set.',
    'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
    "  # Scale a deployment named 'frontend' to 3\n  kubectl scale --replicas=3 deployment/frontend",
  ),
  label: usage(
    'Update the labels on a resource.',
    'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    "  # Update pod 'foo' with the label 'unhealthy' and the value 'true'\n  kubectl label pods foo unhealthy=true\n\n  # Update pod 'foo' by removing a label named 'bar' if it exists\n  kubectl label pods foo bar-",
  ),
  exec: usage(
    'Execute a command in a container.',
    'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
    "  # Get output from running the 'env' command in pod mypod\n  kubectl exec mypod -- env\n\n  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n  kubectl exec mypod -c ruby-container -i -t -- bash -il",
  ),
};
