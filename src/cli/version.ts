// The tool's version, printed by --version and in every JSON report.
export const VERSION = '0.1.0';
