;; The steered scan's cosine pass for nine features (score-candidates.ts, scan9), two rows per step in f64x2 lanes:
;; each lane computes q0·u0 + q1·u1 + … + q8·u8 left to right, clamps it to [−1, 1] and compares it with the
;; threshold exactly as scan9 does (no fused multiply-add in WebAssembly), so the same rows and the same bits.
;; The rows are stored by column (u_j of sorted position p at cols + j·stride + 8p), so a lane pair is one load per
;; feature. Every position p in [from, to) whose clamped cosine is ≥ threshold is written, in ascending order, to
;; the i32 array at pos and its cosine to the f64 array at out, and the first vcap of them their nine features to
;; vecs (72 bytes per row, row-major: the caller's copy, read here while the columns are in the cache); returns how
;; many. args holds q0 … q8 and the
;; threshold as ten f64 (numbers passed from JavaScript as f64 parameters could be boxed: garbage per call). Pointers
;; are byte offsets; each column has one spare entry past its last row (read, never kept, for an odd-length range).
;; Regenerate the embedded bytes with `pnpm --filter @anisong/core-ml run build:wasm` after editing.
(module
  (import "env" "memory" (memory 1))
  (func (export "scan9")
    (param $cols i32) (param $stride i32) (param $from i32) (param $to i32) (param $args i32) (param $pos i32) (param $out i32)
    (param $vecs i32) (param $vcap i32)
    (result i32)
    (local $p i32) (local $a i32) (local $n i32) (local $mask i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128) (local $v5 v128) (local $v6 v128)
    (local $v7 v128) (local $v8 v128) (local $t v128) (local $s v128) (local $lo v128) (local $hi v128)
    (local.set $v0 (v128.load64_splat offset=0 (local.get $args)))
    (local.set $v1 (v128.load64_splat offset=8 (local.get $args)))
    (local.set $v2 (v128.load64_splat offset=16 (local.get $args)))
    (local.set $v3 (v128.load64_splat offset=24 (local.get $args)))
    (local.set $v4 (v128.load64_splat offset=32 (local.get $args)))
    (local.set $v5 (v128.load64_splat offset=40 (local.get $args)))
    (local.set $v6 (v128.load64_splat offset=48 (local.get $args)))
    (local.set $v7 (v128.load64_splat offset=56 (local.get $args)))
    (local.set $v8 (v128.load64_splat offset=64 (local.get $args)))
    (local.set $t (v128.load64_splat offset=72 (local.get $args)))
    (local.set $hi (f64x2.splat (f64.const 1)))
    (local.set $lo (f64x2.splat (f64.const -1)))
    (local.set $p (local.get $from))
    block $done
      loop $pair
        (br_if $done (i32.ge_s (local.get $p) (local.get $to)))
        ;; a = the byte offset of column 0 at position p; column j is at a + j · stride.
        (local.set $a (i32.add (local.get $cols) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $s (f64x2.mul (local.get $v0) (v128.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (local.get $stride)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $v1) (v128.load (local.get $a)))))
        (local.set $a (i32.add (local.get $a) (local.get $stride)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $v2) (v128.load (local.get $a)))))
        (local.set $a (i32.add (local.get $a) (local.get $stride)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $v3) (v128.load (local.get $a)))))
        (local.set $a (i32.add (local.get $a) (local.get $stride)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $v4) (v128.load (local.get $a)))))
        (local.set $a (i32.add (local.get $a) (local.get $stride)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $v5) (v128.load (local.get $a)))))
        (local.set $a (i32.add (local.get $a) (local.get $stride)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $v6) (v128.load (local.get $a)))))
        (local.set $a (i32.add (local.get $a) (local.get $stride)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $v7) (v128.load (local.get $a)))))
        (local.set $a (i32.add (local.get $a) (local.get $stride)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $v8) (v128.load (local.get $a)))))
        ;; scan9's clamp, dot > 1 ? 1 : dot < −1 ? −1 : dot: pmin(x, y) is y < x ? y : x, pmax(x, y) is x < y ? y : x.
        (local.set $s (f64x2.pmax (f64x2.pmin (local.get $s) (local.get $hi)) (local.get $lo)))
        (local.set $mask (i64x2.bitmask (f64x2.ge (local.get $s) (local.get $t))))
        (if (local.get $mask)
          (then
            (if (i32.and (local.get $mask) (i32.const 1))
              (then
                (i32.store (i32.add (local.get $pos) (i32.shl (local.get $n) (i32.const 2))) (local.get $p))
                (f64.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))) (f64x2.extract_lane 0 (local.get $s)))
                (call $keep (local.get $cols) (local.get $stride) (local.get $p) (local.get $vecs) (local.get $vcap) (local.get $n))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))
            ;; The second lane is position p + 1, past the range when [from, to) has odd length.
            (if (i32.and (i32.shr_u (local.get $mask) (i32.const 1)) (i32.lt_s (i32.add (local.get $p) (i32.const 1)) (local.get $to)))
              (then
                (i32.store (i32.add (local.get $pos) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $p) (i32.const 1)))
                (f64.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))) (f64x2.extract_lane 1 (local.get $s)))
                (call $keep (local.get $cols) (local.get $stride) (i32.add (local.get $p) (i32.const 1)) (local.get $vecs) (local.get $vcap) (local.get $n))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        br $pair
      end
    end
    (local.get $n))
  ;; Copies the nine features of position p into row n of vecs, when n < vcap.
  (func $keep (param $cols i32) (param $stride i32) (param $p i32) (param $vecs i32) (param $vcap i32) (param $n i32)
    (local $a i32) (local $v i32)
    (if (i32.ge_u (local.get $n) (local.get $vcap)) (then (return)))
    (local.set $a (i32.add (local.get $cols) (i32.shl (local.get $p) (i32.const 3))))
    (local.set $v (i32.add (local.get $vecs) (i32.mul (local.get $n) (i32.const 72))))
    (f64.store offset=0 (local.get $v) (f64.load (local.get $a)))
    (local.set $a (i32.add (local.get $a) (local.get $stride)))
    (f64.store offset=8 (local.get $v) (f64.load (local.get $a)))
    (local.set $a (i32.add (local.get $a) (local.get $stride)))
    (f64.store offset=16 (local.get $v) (f64.load (local.get $a)))
    (local.set $a (i32.add (local.get $a) (local.get $stride)))
    (f64.store offset=24 (local.get $v) (f64.load (local.get $a)))
    (local.set $a (i32.add (local.get $a) (local.get $stride)))
    (f64.store offset=32 (local.get $v) (f64.load (local.get $a)))
    (local.set $a (i32.add (local.get $a) (local.get $stride)))
    (f64.store offset=40 (local.get $v) (f64.load (local.get $a)))
    (local.set $a (i32.add (local.get $a) (local.get $stride)))
    (f64.store offset=48 (local.get $v) (f64.load (local.get $a)))
    (local.set $a (i32.add (local.get $a) (local.get $stride)))
    (f64.store offset=56 (local.get $v) (f64.load (local.get $a)))
    (local.set $a (i32.add (local.get $a) (local.get $stride)))
    (f64.store offset=64 (local.get $v) (f64.load (local.get $a))))
)
