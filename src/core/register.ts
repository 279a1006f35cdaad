// The one module of losslab with side effects: importing it registers tfjs's gradients and chained ops
// (tfjs-core alone has neither; the @tensorflow/tfjs union package registers them the same way) and the
// cpu and wasm backends. core/backend.ts imports it; the build keeps it a file of its own, the one that
// package.json's sideEffects names.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
