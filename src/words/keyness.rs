//! Keyness: how much more often a word is used in the selected documents than in the rest,
//! by the log-likelihood statistic G² (Dunning 1993; Rayson and Garside 2000).

/// G² of a word used `a` times in a target of `c` words and `b` times in a reference of `d`
/// words; 0 when either side is empty.
pub fn g2(a: u64, b: u64, c: u64, d: u64) -> f64 {
    if c == 0 || d == 0 {
        return 0.0;
    }
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let term = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    2.0 * (term(a, e1) + term(b, e2))
}

/// True when a word used `a` times in `c` words is used relatively more than one used `b`
/// times in `d` words.
pub fn over_represented(a: u64, b: u64, c: u64, d: u64) -> bool {
    (a as f64) * (d as f64) > (b as f64) * (c as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_matches_a_worked_example() {
        // 10 in 1,000 words against 10 in 10,000: expected 1.818 and 18.18, so
        // G² = 2 (10 ln 5.5 + 10 ln 0.55) = 22.14.
        let value = g2(10, 10, 1_000, 10_000);
        assert!((value - 22.14).abs() < 0.01, "{value}");
        assert!(g2(5, 50, 100, 1_000) < 1e-9, "same rate, no keyness");
    }

    #[test]
    fn over_representation_compares_rates() {
        assert!(over_represented(10, 10, 1_000, 10_000));
        assert!(!over_represented(1, 10, 1_000, 10_000));
    }
}
