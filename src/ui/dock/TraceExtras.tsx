// The trace panel's parts the first view does not need, in their own chunk (loaded with the first
// request, or while the page is idle): the hop list, the prediction, the list of recent requests.
import './trace-extras.css';
export { HopList } from './HopList';
export { Prediction } from './Prediction';
export { RequestList } from './RequestList';
