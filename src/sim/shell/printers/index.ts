// kubectl's output formats, as pure functions over API objects (plus `now` / `epoch` for time).
export * from './tabwriter';
export * from './format';
export * from './endpoints';
export * from './get';
export * from './describe';
export * from './serialize';
