;; MMR's per-pick pass for nine features (src/steer/mmr-pool.ts, foldJs), two pool entries per step in f64x2 lanes.
;; Entry i's vector is stored by column (u_j at cols + j·cap·8 + 8i), its value's first term (1 − λ)·score at
;; base + 8i (−Infinity once taken or closed), its penalty at penalty + 8i. args holds the pick's vector p0 … p8 and
;; λ as ten f64. With $fold, each entry's penalty becomes max(penalty, 0 + u0·p0 + … + u8·p8), summed left to right
;; as the JavaScript pass does (no fused multiply-add in WebAssembly): the same bits. Returns the entry with the
;; highest base − λ·penalty (base alone while $penalised is 0), the lower index on ties, or −1 when every value is
;; −Infinity. cap is even and entries [count, count rounded up to even) hold base −Infinity.
;; Regenerate the embedded bytes with `pnpm --filter @anisong/core-ml run build:wasm` after editing.
(module
  (import "env" "memory" (memory 1))
  (func (export "fold9")
    (param $cols i32) (param $cap i32) (param $count i32) (param $base i32) (param $penalty i32) (param $args i32)
    (param $fold i32) (param $penalised i32)
    (result i32)
    (local $i i32) (local $a i32) (local $col i32) (local $best i32) (local $mask i32)
    (local $bestValue f64)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $p4 v128) (local $p5 v128) (local $p6 v128)
    (local $p7 v128) (local $p8 v128) (local $lambda v128) (local $s v128) (local $pen v128) (local $value v128)
    (local.set $p0 (v128.load64_splat offset=0 (local.get $args)))
    (local.set $p1 (v128.load64_splat offset=8 (local.get $args)))
    (local.set $p2 (v128.load64_splat offset=16 (local.get $args)))
    (local.set $p3 (v128.load64_splat offset=24 (local.get $args)))
    (local.set $p4 (v128.load64_splat offset=32 (local.get $args)))
    (local.set $p5 (v128.load64_splat offset=40 (local.get $args)))
    (local.set $p6 (v128.load64_splat offset=48 (local.get $args)))
    (local.set $p7 (v128.load64_splat offset=56 (local.get $args)))
    (local.set $p8 (v128.load64_splat offset=64 (local.get $args)))
    (local.set $lambda (v128.load64_splat offset=72 (local.get $args)))
    (local.set $col (i32.shl (local.get $cap) (i32.const 3)))
    (local.set $best (i32.const -1))
    (local.set $bestValue (f64.const -inf))
    block $done
      loop $pair
        (br_if $done (i32.ge_s (local.get $i) (local.get $count)))
        (local.set $pen (v128.load (i32.add (local.get $penalty) (i32.shl (local.get $i) (i32.const 3)))))
        (if (local.get $fold)
          (then
            (local.set $a (i32.add (local.get $cols) (i32.shl (local.get $i) (i32.const 3))))
            (local.set $s (f64x2.add (f64x2.splat (f64.const 0)) (f64x2.mul (v128.load (local.get $a)) (local.get $p0))))
            (local.set $a (i32.add (local.get $a) (local.get $col)))
            (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $a)) (local.get $p1))))
            (local.set $a (i32.add (local.get $a) (local.get $col)))
            (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $a)) (local.get $p2))))
            (local.set $a (i32.add (local.get $a) (local.get $col)))
            (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $a)) (local.get $p3))))
            (local.set $a (i32.add (local.get $a) (local.get $col)))
            (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $a)) (local.get $p4))))
            (local.set $a (i32.add (local.get $a) (local.get $col)))
            (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $a)) (local.get $p5))))
            (local.set $a (i32.add (local.get $a) (local.get $col)))
            (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $a)) (local.get $p6))))
            (local.set $a (i32.add (local.get $a) (local.get $col)))
            (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $a)) (local.get $p7))))
            (local.set $a (i32.add (local.get $a) (local.get $col)))
            (local.set $s (f64x2.add (local.get $s) (f64x2.mul (v128.load (local.get $a)) (local.get $p8))))
            ;; s > penalty ? s : penalty, which is pmax(penalty, s) (pmax(x, y) is x < y ? y : x).
            (local.set $pen (f64x2.pmax (local.get $pen) (local.get $s)))
            (v128.store (i32.add (local.get $penalty) (i32.shl (local.get $i) (i32.const 3))) (local.get $pen))))
        (if (i32.eqz (local.get $penalised)) (then (local.set $pen (f64x2.splat (f64.const 0)))))
        (local.set $value
          (f64x2.sub (v128.load (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 3))))
            (f64x2.mul (local.get $lambda) (local.get $pen))))
        (local.set $mask (i64x2.bitmask (f64x2.gt (local.get $value) (f64x2.splat (local.get $bestValue)))))
        (if (local.get $mask)
          (then
            ;; Lane 0 (entry i) first, then lane 1 against the updated best: strict >, so ties keep the lower index.
            (if (f64.gt (f64x2.extract_lane 0 (local.get $value)) (local.get $bestValue))
              (then
                (local.set $best (local.get $i))
                (local.set $bestValue (f64x2.extract_lane 0 (local.get $value)))))
            (if (f64.gt (f64x2.extract_lane 1 (local.get $value)) (local.get $bestValue))
              (then
                (local.set $best (i32.add (local.get $i) (i32.const 1)))
                (local.set $bestValue (f64x2.extract_lane 1 (local.get $value)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        br $pair
      end
    end
    (local.get $best))
)
