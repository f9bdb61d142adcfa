/**
 * ASCII character classes by character code, for the scans that name and quote things in every template
 * (logical ids, Terraform and CDK names, HCL identifiers, YAML keys): one definition for all of them.
 */
export const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
export const isLower = (c: number): boolean => c >= 0x61 && c <= 0x7a;
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
export const isLetter = (c: number): boolean => isUpper(c) || isLower(c);
export const isAlnum = (c: number): boolean => isLetter(c) || isDigit(c);
