//! How far two coders agree on one yes/no decision per unit ("is this unit coded with the
//! tag?"), from the four counts of their 2×2 table: percent agreement, Cohen's κ and
//! Krippendorff's α for nominal data. Pure arithmetic over counts, exact in integers up to
//! the last division; a statistic that is undefined is `None` (never NaN), with
//! [`Counts::undefined_because`] saying why. Which units there are and who coded them is
//! [`super::units`]'s and [`super::coding`]'s business.

/// The 2×2 table of two coders over some units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Units in all.
    pub units: u64,
    /// Units coded by coder A.
    pub a: u64,
    /// Units coded by coder B.
    pub b: u64,
    /// Units coded by both.
    pub both: u64,
}

impl Counts {
    /// The table from its four cells: both, A only, B only, neither.
    pub fn from_cells(both: u64, a_only: u64, b_only: u64, neither: u64) -> Counts {
        Counts {
            units: both + a_only + b_only + neither,
            a: both + a_only,
            b: both + b_only,
            both,
        }
    }

    /// Units coded by neither coder.
    pub fn neither(&self) -> u64 {
        (self.units + self.both).saturating_sub(self.a + self.b)
    }

    /// Units where exactly one coder coded.
    pub fn disagreements(&self) -> u64 {
        (self.a + self.b).saturating_sub(2 * self.both)
    }

    /// This table and `other` pooled (the units of both, side by side).
    pub fn plus(self, other: Counts) -> Counts {
        Counts {
            units: self.units + other.units,
            a: self.a + other.a,
            b: self.b + other.b,
            both: self.both + other.both,
        }
    }

    /// The share of units on which the coders agree (both coded or neither did), from 0
    /// to 1; `None` without units.
    pub fn agreement(&self) -> Option<f64> {
        (self.units > 0).then(|| (self.units - self.disagreements()) as f64 / self.units as f64)
    }

    /// Cohen's κ: agreement beyond what each coder's own rate would give by chance,
    /// (pₒ − pₑ) / (1 − pₑ). `None` when chance agreement is certain (both coded every
    /// unit, or neither coded any) or there are no units.
    pub fn kappa(&self) -> Option<f64> {
        let n = u128::from(self.units);
        let (a, b) = (u128::from(self.a), u128::from(self.b));
        if n == 0 || a > n || b > n {
            return None;
        }
        // Scaled by n²: observed n·(agreeing units), expected a·b + (n−a)(n−b).
        let observed = n * u128::from(self.units - self.disagreements());
        let expected = a * b + (n - a) * (n - b);
        let whole = n * n;
        if expected >= whole {
            return None;
        }
        Some((observed as f64 - expected as f64) / (whole - expected) as f64)
    }

    /// Krippendorff's α for two coders, nominal values, every unit coded by both (a "no"
    /// is a value): 1 − (n − 1)·D / (n₁·n₀), where n = 2·units pairable values, n₁ the
    /// "yes" values, n₀ the "no" values and D the disagreeing units. `None` when every
    /// value is the same (there is no variation to agree on) or there are no units.
    pub fn alpha(&self) -> Option<f64> {
        let n = 2 * u128::from(self.units);
        let yes = u128::from(self.a) + u128::from(self.b);
        if n == 0 || yes >= n || yes == 0 {
            return None;
        }
        let no = n - yes;
        let disagreeing = u128::from(self.disagreements());
        Some(1.0 - ((n - 1) * disagreeing) as f64 / (yes * no) as f64)
    }

    /// Why κ or α is undefined, in words for a table; `None` when both are defined.
    pub fn undefined_because(&self) -> Option<&'static str> {
        if self.units == 0 {
            Some("no units to compare")
        } else if self.a == 0 && self.b == 0 {
            Some("neither coder coded any unit")
        } else if self.a == self.units && self.b == self.units {
            Some("both coders coded every unit")
        } else if self.kappa().is_none() || self.alpha().is_none() {
            Some("no variation to measure")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three(x: Option<f64>) -> Option<String> {
        x.map(|x| format!("{x:.3}"))
    }

    #[test]
    fn the_worked_example_of_the_spec() {
        // 100 characters; A codes [0, 20), B codes [10, 30).
        let c = Counts::from_cells(10, 10, 10, 70);
        assert_eq!(c.agreement(), Some(0.8));
        assert_eq!(three(c.kappa()).as_deref(), Some("0.375"));
        assert_eq!(three(c.alpha()).as_deref(), Some("0.378"));
    }

    #[test]
    fn the_nvivo_example() {
        let c = Counts::from_cells(50, 75, 75, 800);
        assert_eq!(c.agreement(), Some(0.85));
        assert_eq!(three(c.kappa()).as_deref(), Some("0.314"));
        assert_eq!(c.neither(), 800);
    }

    #[test]
    fn one_coder_coding_nothing_gives_a_kappa_of_zero() {
        let c = Counts::from_cells(0, 30, 0, 70);
        assert_eq!(c.agreement(), Some(0.7));
        assert_eq!(c.kappa(), Some(0.0));
        assert!(c.alpha().is_some_and(|a| a < 0.0));
        assert_eq!(c.undefined_because(), None);
    }

    #[test]
    fn both_coding_everything_leaves_kappa_and_alpha_undefined() {
        let c = Counts::from_cells(100, 0, 0, 0);
        assert_eq!(c.agreement(), Some(1.0));
        assert_eq!(c.kappa(), None);
        assert_eq!(c.alpha(), None);
        assert_eq!(c.undefined_because(), Some("both coders coded every unit"));
        let none = Counts::from_cells(0, 0, 0, 100);
        assert_eq!((none.kappa(), none.alpha()), (None, None));
        assert_eq!(
            none.undefined_because(),
            Some("neither coder coded any unit")
        );
        let empty = Counts::default();
        assert_eq!((empty.agreement(), empty.kappa()), (None, None));
    }

    #[test]
    fn perfect_agreement_with_variation_is_one() {
        let c = Counts::from_cells(20, 0, 0, 80);
        assert_eq!(c.kappa(), Some(1.0));
        assert_eq!(c.alpha(), Some(1.0));
    }
}
