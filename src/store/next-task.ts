// A task boundary: awaited, it lets the page paint (a progress indicator) and handle input before more
// work runs. The page's start (store/index.ts) and the engine Worker's page side (offload.ts) use it.
export const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));
