// Names are compared by their folded key (traditional → simplified, full → half width),
// the same function the runtime uses on input keys and enum values.
export { fold as foldName } from "@zhengce/runtime/fold-names";
