import { ready, type BackendName } from "../src/core/backend";

// Every suite runs on the backend named by LOSSLAB_BACKEND, else the best one present.
await ready((process.env.LOSSLAB_BACKEND as BackendName | undefined) || undefined);
