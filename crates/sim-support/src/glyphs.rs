//! A pixel font of the few characters a time offset needs (digits, `:` and `.`), so that a drawn frame
//! shows the offset it stands for in a form a person can read, without a font file.

use image::{Rgb, RgbImage};

/// Height of a glyph, in cells.
pub(crate) const HEIGHT: u32 = 5;
/// Width of a glyph, in cells, without the one-cell gap after it.
const WIDTH: u32 = 3;

/// Rows of a glyph, top first; bit 2 is the left column.
fn rows(c: char) -> [u8; 5] {
    match c {
        '0' => [0b111, 0b101, 0b101, 0b101, 0b111],
        '1' => [0b010, 0b110, 0b010, 0b010, 0b111],
        '2' => [0b111, 0b001, 0b111, 0b100, 0b111],
        '3' => [0b111, 0b001, 0b111, 0b001, 0b111],
        '4' => [0b101, 0b101, 0b111, 0b001, 0b001],
        '5' => [0b111, 0b100, 0b111, 0b001, 0b111],
        '6' => [0b111, 0b100, 0b111, 0b101, 0b111],
        '7' => [0b111, 0b001, 0b010, 0b010, 0b010],
        '8' => [0b111, 0b101, 0b111, 0b101, 0b111],
        '9' => [0b111, 0b101, 0b111, 0b001, 0b111],
        ':' => [0b000, 0b010, 0b000, 0b010, 0b000],
        '.' => [0b000, 0b000, 0b000, 0b000, 0b010],
        _ => [0; 5],
    }
}

/// `H:MM:SS.mmm` of an offset in milliseconds.
pub(crate) fn timecode(offset_ms: u64) -> String {
    let (ms, s) = (offset_ms % 1000, offset_ms / 1000);
    format!("{}:{:02}:{:02}.{ms:03}", s / 3600, s / 60 % 60, s % 60)
}

/// Width of `text` in cells, gaps included.
pub(crate) fn width_of(text: &str) -> u32 {
    let count = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    count.saturating_mul(WIDTH + 1)
}

/// Draws `text` with its top-left corner at (`x`, `y`), each cell `cell` pixels square; what falls outside
/// the image is left out.
pub(crate) fn draw(image: &mut RgbImage, text: &str, x: u32, y: u32, cell: u32, colour: Rgb<u8>) {
    let (w, h) = image.dimensions();
    for (i, c) in (0u32..).zip(text.chars()) {
        let left = x + i * (WIDTH + 1) * cell;
        for (row, bits) in (0u32..).zip(rows(c)) {
            for col in 0..WIDTH {
                if bits & (0b100 >> col) == 0 {
                    continue;
                }
                let (px, py) = (left + col * cell, y + row * cell);
                for dy in 0..cell {
                    for dx in 0..cell {
                        if px + dx < w && py + dy < h {
                            image.put_pixel(px + dx, py + dy, colour);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timecodes_read_hours_minutes_seconds_and_milliseconds() {
        assert_eq!(timecode(0), "0:00:00.000");
        assert_eq!(timecode(3_723_045), "1:02:03.045");
    }

    #[test]
    fn drawn_text_changes_pixels_and_stays_inside_the_image() {
        let mut image = RgbImage::new(10, 10);
        draw(&mut image, "8", 0, 0, 4, Rgb([255, 255, 255]));
        assert_eq!(image.get_pixel(0, 0).0, [255, 255, 255]);
        // The hole in the upper half of the 8.
        assert_eq!(image.get_pixel(5, 5).0, [0, 0, 0]);
    }
}
