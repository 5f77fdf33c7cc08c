// The trace panel's parts the first view does not need, in their own chunk: the prediction asked
// before a packet moves, and the list of recent requests.
import './trace-extras.css';
export { Prediction } from './Prediction';
export { RequestList } from './RequestList';
