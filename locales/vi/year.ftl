## Cấu hình kế hoạch năm: tên kế hoạch, chuyên đề năm, các phần

# Cách gọi tên kế hoạch (từ năm 2025 văn bản chính thức thêm "thực hành").
plan-title-lam-theo = học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
plan-title-thuc-hanh = học tập, làm theo và thực hành tư tưởng, đạo đức, phong cách Hồ Chí Minh
