import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonBytes } from "../../shared/log/index";

/** IEEE 754 double from its 16-hex-digit bit pattern, as RFC 8785 Appendix B lists them. */
const double = (bits: string): number => new DataView(hexToBytes(bits).buffer).getFloat64(0);

describe("canonicalJson", () => {
  it("serialises the RFC 8785 §3.2.2 example exactly", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units, as in the RFC 8785 §3.2.3 example", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ])("writes the double %s as %s (RFC 8785 Appendix B)", (bits, expected) => {
    expect(canonicalJson(double(bits))).toBe(expected);
  });

  it("does not depend on the order in which keys were inserted, at any depth", () => {
    const a = { b: 1, a: { d: [1, { z: 0, y: null }], c: "x" } };
    const b = { a: { c: "x", d: [1, { y: null, z: 0 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}');
  });

  it("writes no whitespace and keeps non-ASCII characters unescaped", () => {
    expect(canonicalJson({ name: "Niamey, Niger — point focal", list: [1, 2] })).toBe(
      '{"list":[1,2],"name":"Niamey, Niger — point focal"}',
    );
  });

  it("accepts objects without a prototype and objects shared between branches", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: true });
    const shared = { v: 1 };
    expect(canonicalJson({ bare, x: shared, y: [shared] })).toBe(
      '{"bare":{"k":true},"x":{"v":1},"y":[{"v":1}]}',
    );
  });

  it.each<[string, unknown]>([
    ["undefined", undefined],
    ["a field set to undefined", { a: 1, b: undefined }],
    ["undefined in an array", [1, undefined]],
    ["a function", () => 1],
    ["a nested function", { a: [{ f: () => 1 }] }],
    ["a toJSON method", { toJSON: () => "x" }],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a nested -Infinity", { a: [1, { b: Number.NEGATIVE_INFINITY }] }],
    ["a bigint", { n: 10n }],
    ["a symbol", Symbol("s")],
    ["a symbol key", { [Symbol("s")]: 1 }],
    ["a Date", new Date(0)],
    ["a Map", new Map([["a", 1]])],
    ["a Uint8Array", { key: Uint8Array.of(1, 2) }],
    [
      "a class instance",
      new (class Point {
        x = 1;
      })(),
    ],
    ["an array hole", new Array<number>(2)],
    ["an unpaired surrogate in a string", { s: "a\ud800b" }],
    ["an unpaired surrogate in a key", { "\udc00": 1 }],
  ])("rejects %s with a TypeError", (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJsonBytes(value)).toThrow(TypeError);
  });

  it("rejects a circular structure with a TypeError", () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    expect(() => canonicalJson(loop)).toThrow(TypeError);
  });

  it("names where the offending value is", () => {
    expect(() => canonicalJson({ a: [0, { b: Number.NaN }] })).toThrow(
      'the value at ["a"][1]["b"]',
    );
  });
});

describe("canonicalJsonBytes", () => {
  it("encodes the canonical text in UTF-8", () => {
    const bytes = canonicalJsonBytes({ "€": "é", a: "\ud83d\ude00" });
    expect(bytesToHex(bytes)).toBe(
      bytesToHex(new TextEncoder().encode('{"a":"\ud83d\ude00","€":"é"}')),
    );
    expect(bytesToHex(canonicalJsonBytes("é€"))).toBe("22c3a9e282ac22");
  });

  it("gives the same bytes for equal data, so hashes and signatures agree", () => {
    expect(canonicalJsonBytes({ x: 1, y: [true, null] })).toEqual(
      canonicalJsonBytes(JSON.parse('{ "y": [true, null], "x": 1.0 }')),
    );
  });
});
