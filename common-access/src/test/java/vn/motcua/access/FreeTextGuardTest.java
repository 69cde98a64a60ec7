package vn.motcua.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FreeTextGuardTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "CCCD 079203001234 thiếu bản sao", "CMND 123456789", "gọi 0912345678", "gọi 0912 345 678",
            "gọi 0912.345.678", "ĐT +84 912 345 678", "84912345678", "máy bàn 02838291234",
            "mã 2024 0912345678", "số 0790-0300-1234"})
    void refuses_id_card_and_phone_numbers(String text) {
        assertThat(FreeTextGuard.containsPersonalNumber(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Thiếu bản sao giấy chứng nhận quyền sử dụng đất", "Phòng Tài nguyên và Môi trường",
            "hạn 15/12/2026", "ngày 12.05.2024", "thửa đất số 123, tờ bản đồ 45", "lệ phí 100000 đồng", "phí 100.000.000 đồng",
            "Quyết định 766/QĐ-TTg", "Nghị định 13/2023/NĐ-CP", ""})
    void lets_ordinary_text_through(String text) {
        assertThat(FreeTextGuard.containsPersonalNumber(text)).isFalse();
    }
}
