// Moved to src/stores/status-class.ts (the stores document their statuses); kept as a re-export
// so branches written against this path still merge and compile.
export { classifyStatus, STATUS_CLASSES, type StatusClass } from "../stores/status-class.js";
